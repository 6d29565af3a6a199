#pragma once

#include "server/net/api_error.hpp"
#include "server/net/http_types.hpp"
#include "server/net/query_flags.hpp"
#include "server/scheduling/clock.hpp"
#include "server/support/enum_names.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace emu::control {

// Reads a control endpoint's query parameters. Each reader collects its parameter's error, so a
// request with several bad parameters hears of all of them; done() throws them as one 400.
class control_query {
public:
    explicit control_query(const net::request& req);

    control_query(const control_query&) = delete;
    control_query& operator=(const control_query&) = delete;

    // The parameter's decoded text; "" when absent.
    std::string text(std::string_view name) const;

    // Reads each named parameter's text into its string ("" when absent).
    void texts(std::initializer_list<std::pair<std::string_view, std::string*>> wanted) const;

    // The parameter's decoded text; nullopt when absent.
    std::optional<std::string> optional_text(std::string_view name) const;

    // ?tenant=: an API key, "" when absent; an empty value is an error.
    std::string tenant();

    // The ?tenant= of a request that takes no other parameter; throws when it is empty.
    static std::string tenant_only(const net::request& req);

    // An ISO-8601 time.
    std::optional<scheduling::instant> time(std::string_view name);

    // An HTTP status code (100 to 599).
    std::optional<unsigned> http_status(std::string_view name);

    // One of an enum's names.
    template <class Enum, std::size_t N>
    std::optional<Enum> choice(std::string_view name, const support::enum_names<Enum, N>& names) {
        const auto given = optional_text(name);
        if (!given) {
            return std::nullopt;
        }
        const auto value = names.parse(*given);
        if (!value) {
            errors_.add(std::string{name}, "Expected one of " + names.choices() + ".");
        }
        return value;
    }

    // Records an error of the caller's own checks.
    void add_error(std::string_view name, std::string message);

    // Throws api_error::invalid with every error found so far.
    void done() const;

private:
    net::field_errors errors_;
    net::query_flags query_;
};

} // namespace emu::control
