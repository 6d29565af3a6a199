#include "server/wire/partial_result.hpp"

#include <boost/json/array.hpp>
#include <boost/json/string.hpp>

#include <cmath>
#include <cstddef>

namespace emu::wire {
namespace {

namespace json = boost::json;

std::size_t kept(std::size_t total, double fraction) {
    return static_cast<std::size_t>(std::ceil(static_cast<double>(total) * fraction));
}

// The first ⌈fraction × words⌉ space-separated words of `text`.
void cut_words(json::string& text, double fraction) {
    const std::string_view view{text};
    std::size_t words = 0;
    for (std::size_t i = 0; i < view.size(); ++i) {
        if (view[i] != ' ' && (i == 0 || view[i - 1] == ' ')) {
            ++words;
        }
    }
    if (words < 2) {
        return;
    }
    const auto keep = kept(words, fraction);
    std::size_t seen = 0;
    for (std::size_t i = 0; i < view.size(); ++i) {
        if (view[i] != ' ' && (i == 0 || view[i - 1] == ' ') && ++seen > keep) {
            auto end = i;
            while (end > 0 && view[end - 1] == ' ') {
                --end;
            }
            text.resize(end);
            return;
        }
    }
}

void cut(json::value& value, double fraction) {
    if (value.is_array()) {
        auto& items = value.get_array();
        items.resize(kept(items.size(), fraction));
        for (auto& item : items) {
            cut(item, fraction);
        }
    } else if (value.is_object()) {
        for (auto& member : value.get_object()) {
            cut(member.value(), fraction);
        }
    } else if (value.is_string()) {
        cut_words(value.get_string(), fraction);
    }
}

} // namespace

void keep_fraction(json::object& fields, double fraction, std::string_view media_field) {
    for (auto& member : fields) {
        if (member.key() != media_field) {
            cut(member.value(), fraction);
        }
    }
}

} // namespace emu::wire
