#pragma once

#include "server/app/options.hpp"
#include "server/scheduling/clock.hpp"
#include "server/support/enum_names.hpp"

#include <boost/program_options/variables_map.hpp>

#include <charconv>
#include <concepts>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace emu::app {

// The parsed flags, read with the checks every flag of a kind shares (whole numbers, durations,
// on/off, choices). Every flag is read as text, so that no value reaches a user through Boost's
// conversions; each refusal is one usage_error naming the flag, or its EDENMOCK_* twin when the
// value came from the environment.
class flag_values {
public:
    // `on_command_line`: the flags given as arguments; the others come from their defaults or
    // their environment twins.
    flag_values(boost::program_options::variables_map values,
                std::set<std::string> on_command_line);

    // Whether the flag has a value (given, twinned or defaulted).
    bool has(const std::string& name) const;

    std::string text(const std::string& name) const;

    // A repeatable flag's values; an environment twin's "a,b" counts as two.
    std::vector<std::string> list(const std::string& name) const;

    // A whole number from low to high, or to T's largest without high (digits only: no sign,
    // no unit); `unit` ("milliseconds") is what the message says it counts.
    template <std::integral T>
    T whole(const std::string& name,
            T low,
            std::optional<T> high = std::nullopt,
            std::string_view unit = {}) const {
        const auto given = text(name);
        T parsed{};
        const auto* end = given.data() + given.size();
        const auto [stop, error] = std::from_chars(given.data(), end, parsed);
        if (error != std::errc{} || stop != end || parsed < low || (high && parsed > *high)) {
            refuse(name,
                   whole_range(
                       std::to_string(low), high ? std::to_string(*high) : std::string{}, unit),
                   given);
        }
        return parsed;
    }

    // A duration ("1s", "250ms", "2m"); `positive` refuses zero.
    scheduling::duration duration(const std::string& name, bool positive) const;

    // A switch or an on/off flag: on or off (true/false, yes/no and 1/0 are taken too).
    bool on_off(const std::string& name) const;

    // One of an enum's names; a near miss is answered with the name it is near.
    template <class Enum, std::size_t N>
    Enum choice(const std::string& name, const support::enum_names<Enum, N>& names) const {
        const auto given = text(name);
        const auto parsed = names.parse(given);
        if (!parsed) {
            refuse_choice(name, names.choices(), names.names, given);
        }
        return *parsed;
    }

    // "--port", or "EDENMOCK_PORT (--port)" when the value came from the environment.
    std::string source(const std::string& name) const;

    // Throws usage_error: "<source> must be <expected>, not "<given>"" and "; <hint>" if any.
    [[noreturn]] void refuse(const std::string& name,
                             std::string_view expected,
                             std::string_view given,
                             std::string_view hint = {}) const;

private:
    // "a whole number from 0 to 100", "a whole number of seconds (1 or more)".
    static std::string
    whole_range(const std::string& low, const std::string& high, std::string_view unit);

    [[noreturn]] void refuse_choice(const std::string& name,
                                    const std::string& choices,
                                    std::span<const std::string_view> names,
                                    std::string_view given) const;

    boost::program_options::variables_map values_;
    std::set<std::string> on_command_line_;
};

// "EDENMOCK_MAX_BODY_BYTES": the environment twin of a flag ("max-body-bytes").
std::string variable_for_flag(std::string_view name);

} // namespace emu::app
