#include "fake_providers/generation.hpp"

#include <charconv>

namespace emu::fake {

void launch_params::set(std::string name, std::string value) {
    for (auto& entry : entries_) {
        if (entry.first == name) {
            entry.second = std::move(value);
            return;
        }
    }
    entries_.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> launch_params::get(std::string_view name) const {
    for (const auto& entry : entries_) {
        if (entry.first == name) {
            return std::string_view{entry.second};
        }
    }
    return std::nullopt;
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
