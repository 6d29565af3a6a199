#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace emu::support {

// An enum's names as they cross the wire, written once: the i-th name is the name of the
// enum's value i. Gives to_string, parsing and the list an error message shows.
template <class Enum, std::size_t N>
struct enum_names {
    std::array<std::string_view, N> names;

    std::string_view operator()(Enum value) const {
        return names.at(static_cast<std::size_t>(value));
    }

    std::optional<Enum> parse(std::string_view text) const {
        for (std::size_t i = 0; i < N; ++i) {
            if (names[i] == text) {
                return static_cast<Enum>(i);
            }
        }
        return std::nullopt;
    }

    // "a, b or c" (with quote "\"": "\"a\", \"b\" or \"c\""), for messages.
    std::string choices(std::string_view quote = {}) const {
        std::string text;
        for (std::size_t i = 0; i < N; ++i) {
            text += i == 0 ? "" : i + 1 == N ? " or " : ", ";
            text += quote;
            text += names[i];
            text += quote;
        }
        return text;
    }
};

} // namespace emu::support
