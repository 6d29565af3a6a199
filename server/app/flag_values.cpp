#include "server/app/flag_values.hpp"

#include "server/support/iso_time.hpp"
#include "server/support/near_words.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace emu::app {

namespace po = boost::program_options;

flag_values::flag_values(po::variables_map values, std::set<std::string> on_command_line)
    : values_(std::move(values))
    , on_command_line_(std::move(on_command_line)) {}

bool flag_values::has(const std::string& name) const {
    return values_.count(name) != 0;
}

std::string flag_values::text(const std::string& name) const {
    return values_[name].as<std::string>();
}

std::vector<std::string> flag_values::list(const std::string& name) const {
    std::vector<std::string> entries;
    if (!has(name)) {
        return entries;
    }
    for (const auto& value : values_[name].as<std::vector<std::string>>()) {
        std::size_t start = 0;
        while (start <= value.size()) {
            const auto comma = std::min(value.find(',', start), value.size());
            if (comma > start) {
                entries.push_back(value.substr(start, comma - start));
            }
            start = comma + 1;
        }
    }
    return entries;
}

scheduling::duration flag_values::duration(const std::string& name, bool positive) const {
    const auto given = text(name);
    const auto parsed = support::parse_duration(given);
    if (!parsed || (positive && parsed->count() == 0)) {
        refuse(name,
               positive ? R"(a duration above 0 like "1s" or "250ms")"
                        : R"(a duration like "1s" or "250ms")",
               given);
    }
    return *parsed;
}

bool flag_values::on_off(const std::string& name) const {
    // Boost's words for a bool, which these flags took before they took on and off.
    constexpr std::array<std::string_view, 4> on{"on", "true", "yes", "1"};
    constexpr std::array<std::string_view, 4> off{"off", "false", "no", "0"};
    const auto given = text(name);
    if (std::find(on.begin(), on.end(), given) != on.end()) {
        return true;
    }
    if (std::find(off.begin(), off.end(), given) == off.end()) {
        refuse(name, "on or off", given);
    }
    return false;
}

std::string flag_values::source(const std::string& name) const {
    const bool from_environment =
        !on_command_line_.contains(name) && has(name) && !values_[name].defaulted();
    return from_environment ? variable_for_flag(name) + " (--" + name + ")" : "--" + name;
}

void flag_values::refuse(const std::string& name,
                         std::string_view expected,
                         std::string_view given,
                         std::string_view hint) const {
    auto message =
        source(name) + " must be " + std::string{expected} + ", not \"" + std::string{given} + "\"";
    if (!hint.empty()) {
        message += "; " + std::string{hint};
    }
    throw usage_error{message};
}

std::string
flag_values::whole_range(const std::string& low, const std::string& high, std::string_view unit) {
    auto text = std::string{"a whole number"};
    if (!unit.empty()) {
        text += " of " + std::string{unit};
    }
    return text + (high.empty() ? " (" + low + " or more)" : " from " + low + " to " + high);
}

void flag_values::refuse_choice(const std::string& name,
                                const std::string& choices,
                                std::span<const std::string_view> names,
                                std::string_view given) const {
    const auto near = support::nearest_word(given, names);
    refuse(name, choices, given, near ? "did you mean " + *near + "?" : std::string{});
}

std::string variable_for_flag(std::string_view name) {
    std::string variable = "EDENMOCK_";
    for (const char c : name) {
        variable += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return variable;
}

} // namespace emu::app
