#include "server/net/media_type.hpp"

#include "server/support/text.hpp"

namespace emu::net {

using support::lower;
using support::trim;

const std::string* header_value::param(std::string_view name) const {
    for (const auto& [key, value] : params) {
        if (key == name) {
            return &value;
        }
    }
    return nullptr;
}

bool parse_header_value(std::string_view text, header_value& out) {
    const auto first_semicolon = text.find(';');
    out.token = lower(trim(text.substr(0, first_semicolon)));
    out.params.clear();
    std::size_t pos = first_semicolon == std::string_view::npos ? text.size() : first_semicolon + 1;
    while (pos < text.size()) {
        const auto equals = text.find('=', pos);
        const auto next_semicolon = text.find(';', pos);
        if (equals == std::string_view::npos ||
            (next_semicolon != std::string_view::npos && next_semicolon < equals)) {
            // A parameter without a value: skip it.
            pos = next_semicolon == std::string_view::npos ? text.size() : next_semicolon + 1;
            continue;
        }
        std::string name = lower(trim(text.substr(pos, equals - pos)));
        pos = equals + 1;
        while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) {
            ++pos;
        }
        std::string value;
        if (pos < text.size() && text[pos] == '"') {
            ++pos;
            bool closed = false;
            while (pos < text.size()) {
                const char c = text[pos++];
                if (c == '\\' && pos < text.size()) {
                    value.push_back(text[pos++]);
                } else if (c == '"') {
                    closed = true;
                    break;
                } else {
                    value.push_back(c);
                }
            }
            if (!closed) {
                return false;
            }
            const auto after = text.find(';', pos);
            pos = after == std::string_view::npos ? text.size() : after + 1;
        } else {
            const auto end = text.find(';', pos);
            value = std::string{
                trim(text.substr(pos, end == std::string_view::npos ? end : end - pos))};
            pos = end == std::string_view::npos ? text.size() : end + 1;
        }
        if (!name.empty()) {
            out.params.emplace_back(std::move(name), std::move(value));
        }
    }
    return true;
}

} // namespace emu::net
