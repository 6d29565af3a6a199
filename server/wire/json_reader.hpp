#pragma once

#include "server/scheduling/clock.hpp"
#include "server/support/iso_time.hpp"

#include <boost/json/value.hpp>

#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emu::wire {

// A snapshot document that cannot be read: what() names the field ("$.tenants.k.jobs[0].id")
// and what is wrong with it.
class snapshot_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A JSON value being read and its place in the document ("$.jobs[0].id"): every accessor
// checks the type and throws snapshot_error naming the place.
class json_reader {
public:
    json_reader(const boost::json::value& value, std::string path)
        : value_(value)
        , path_(std::move(path)) {}

    [[noreturn]] void fail(std::string_view what) const {
        throw snapshot_error{path_ + ": " + std::string{what}};
    }

    const std::string& path() const { return path_; }

    const boost::json::value& value() const { return value_; }

    const boost::json::object& object() const {
        if (!value_.is_object()) {
            fail("expected an object");
        }
        return value_.get_object();
    }

    const boost::json::array& array() const {
        if (!value_.is_array()) {
            fail("expected an array");
        }
        return value_.get_array();
    }

    // The member, which must be there.
    json_reader operator[](std::string_view key) const {
        const auto* member = object().if_contains(key);
        if (member == nullptr) {
            throw snapshot_error{path_ + "." + std::string{key} + ": missing"};
        }
        return json_reader{*member, path_ + "." + std::string{key}};
    }

    // The member when it is there and not null.
    std::optional<json_reader> maybe(std::string_view key) const {
        const auto* member = object().if_contains(key);
        if (member == nullptr || member->is_null()) {
            return std::nullopt;
        }
        return json_reader{*member, path_ + "." + std::string{key}};
    }

    json_reader item(std::size_t index) const {
        return json_reader{array().at(index), path_ + "[" + std::to_string(index) + "]"};
    }

    std::string text() const {
        if (!value_.is_string()) {
            fail("expected a string");
        }
        return std::string{value_.get_string()};
    }

    bool flag() const {
        if (!value_.is_bool()) {
            fail("expected true or false");
        }
        return value_.get_bool();
    }

    // A whole number of at most `T`'s range.
    template <typename T = std::uint64_t>
    T whole() const {
        if (value_.is_uint64()) {
            if (value_.get_uint64() <= std::numeric_limits<T>::max()) {
                return static_cast<T>(value_.get_uint64());
            }
        } else if (value_.is_int64() && value_.get_int64() >= 0 &&
                   static_cast<std::uint64_t>(value_.get_int64()) <=
                       std::numeric_limits<T>::max()) {
            return static_cast<T>(value_.get_int64());
        }
        fail("expected a whole number from 0 to " + std::to_string(std::numeric_limits<T>::max()));
    }

    scheduling::instant time() const {
        const auto at = support::parse_iso8601(text());
        if (!at) {
            fail("expected a time like \"2026-01-01T00:00:00.000000Z\"");
        }
        return *at;
    }

    // One of an enum's names, read with its support::enum_names table.
    template <typename Names>
    auto name(const Names& names) const {
        const auto parsed = names.parse(text());
        if (!parsed) {
            fail("expected " + names.choices("\""));
        }
        return *parsed;
    }

    // An array of [name, value] strings (headers, parameters), in their order.
    std::vector<std::pair<std::string, std::string>> text_pairs() const {
        std::vector<std::pair<std::string, std::string>> pairs;
        for (std::size_t index = 0; index < array().size(); ++index) {
            const auto pair = item(index);
            if (pair.array().size() != 2) {
                pair.fail("expected [name, value]");
            }
            pairs.emplace_back(pair.item(0).text(), pair.item(1).text());
        }
        return pairs;
    }

    template <typename T>
    static std::optional<T> optional_whole(const std::optional<json_reader>& member) {
        return member ? std::optional<T>{member->template whole<T>()} : std::nullopt;
    }

private:
    const boost::json::value& value_;
    std::string path_;
};

} // namespace emu::wire
