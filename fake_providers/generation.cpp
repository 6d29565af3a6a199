#include "fake_providers/generation.hpp"

#include <charconv>
#include <cstring>

namespace emu::fake {

namespace {

using field_length = std::uint32_t;

// The field starting at `at` of packed text, and where the next one starts.
std::pair<std::string_view, std::size_t> field_at(std::string_view packed, std::size_t at) {
    field_length length = 0;
    std::memcpy(&length, packed.data() + at, sizeof length);
    return {packed.substr(at + sizeof length, length), at + sizeof length + length};
}

} // namespace

void launch_params::append_field(std::string& out, std::string_view field) {
    const auto length = static_cast<field_length>(field.size());
    out.append(reinterpret_cast<const char*>(&length), sizeof length);
    out.append(field);
}

template <typename Visit>
void launch_params::visit_entries(Visit visit) const {
    for (std::size_t at = 0; at < packed_.size();) {
        const auto [name, value_at] = field_at(packed_, at);
        const auto [value, end] = field_at(packed_, value_at);
        if (visit(name, value, at, end)) {
            return;
        }
        at = end;
    }
}

void launch_params::set(std::string name, std::string value) {
    std::string entry;
    append_field(entry, name);
    append_field(entry, value);
    bool replaced = false;
    visit_entries(
        [&](std::string_view known, std::string_view, std::size_t first, std::size_t end) {
            if (known != name) {
                return false;
            }
            packed_.replace(first, end - first, entry); // in place: the order stays
            replaced = true;
            return true;
        });
    if (!replaced) {
        packed_.append(entry);
    }
    packed_.shrink_to_fit();
}

std::optional<std::string_view> launch_params::get(std::string_view name) const {
    std::optional<std::string_view> found;
    visit_entries([&](std::string_view known, std::string_view value, std::size_t, std::size_t) {
        if (known == name) {
            found = value;
        }
        return found.has_value();
    });
    return found;
}

std::vector<std::pair<std::string_view, std::string_view>> launch_params::entries() const {
    std::vector<std::pair<std::string_view, std::string_view>> all;
    visit_entries([&](std::string_view name, std::string_view value, std::size_t, std::size_t) {
        all.emplace_back(name, value);
        return false;
    });
    return all;
}

std::string_view launch_params::get_or(std::string_view name, std::string_view fallback) const {
    return get(name).value_or(fallback);
}

std::optional<std::int64_t> launch_params::get_int(std::string_view name) const {
    auto text = get(name);
    std::int64_t value = 0;
    if (!text ||
        std::from_chars(text->data(), text->data() + text->size(), value).ec != std::errc{}) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> launch_params::get_number(std::string_view name) const {
    auto text = get(name);
    double value = 0;
    if (!text ||
        std::from_chars(text->data(), text->data() + text->size(), value).ec != std::errc{}) {
        return std::nullopt;
    }
    return value;
}

std::optional<bool> launch_params::get_bool(std::string_view name) const {
    auto text = get(name);
    if (!text) {
        return std::nullopt;
    }
    return *text == "true";
}

} // namespace emu::fake
