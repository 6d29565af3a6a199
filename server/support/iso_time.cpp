#include "server/support/iso_time.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace emu::support {
namespace {

// Writes value's last `digits` decimal digits at out.
void put_digits(char* out, long long value, int digits) {
    for (int i = digits - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

std::string format(instant at, bool with_zone) {
    const auto day = std::chrono::floor<std::chrono::days>(at);
    const std::chrono::year_month_day date{day};
    const std::chrono::hh_mm_ss time{at - day};
    const int year = static_cast<int>(date.year());
    const auto micros = static_cast<long long>(time.subseconds().count());
    if (year < 0 || year > 9999) { // rare: snprintf writes every digit and the sign
        char buffer[48];
        std::snprintf(buffer,
                      sizeof buffer,
                      "%04d-%02u-%02uT%02d:%02d:%02d.%06lld%s",
                      year,
                      static_cast<unsigned>(date.month()),
                      static_cast<unsigned>(date.day()),
                      static_cast<int>(time.hours().count()),
                      static_cast<int>(time.minutes().count()),
                      static_cast<int>(time.seconds().count()),
                      micros,
                      with_zone ? "Z" : "");
        return buffer;
    }
    // Written digit by digit: snprintf cost more than the rest of a job's record.
    std::string text = with_zone ? "0000-00-00T00:00:00.000000Z" : "0000-00-00T00:00:00.000000";
    put_digits(&text[0], year, 4);
    put_digits(&text[5], static_cast<unsigned>(date.month()), 2);
    put_digits(&text[8], static_cast<unsigned>(date.day()), 2);
    put_digits(&text[11], time.hours().count(), 2);
    put_digits(&text[14], time.minutes().count(), 2);
    put_digits(&text[17], time.seconds().count(), 2);
    put_digits(&text[20], micros, 6);
    return text;
}

// Reads exactly `digits` decimal digits at text[pos] into out.
bool read_digits(std::string_view text, std::size_t pos, std::size_t digits, int& out) {
    if (pos + digits > text.size()) {
        return false;
    }
    const char* first = text.data() + pos;
    const auto [end, ec] = std::from_chars(first, first + digits, out);
    return ec == std::errc{} && end == first + digits;
}

} // namespace

std::string format_naive(instant at) {
    return format(at, false);
}

std::string format_utc(instant at) {
    return format(at, true);
}

std::optional<instant> parse_iso8601(std::string_view text) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!read_digits(text, 0, 4, year) || text.size() < 10 || text[4] != '-' || text[7] != '-' ||
        !read_digits(text, 5, 2, month) || !read_digits(text, 8, 2, day)) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year{year},
                                           std::chrono::month{static_cast<unsigned>(month)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) {
        return std::nullopt;
    }
    std::size_t pos = 10;
    std::int64_t micros = 0;
    std::int64_t offset_minutes = 0;
    if (pos < text.size()) {
        if ((text[pos] != 'T' && text[pos] != ' ') || !read_digits(text, pos + 1, 2, hour) ||
            text.size() < pos + 6 || text[pos + 3] != ':' ||
            !read_digits(text, pos + 4, 2, minute)) {
            return std::nullopt;
        }
        pos += 6;
        if (pos < text.size() && text[pos] == ':') {
            if (!read_digits(text, pos + 1, 2, second)) {
                return std::nullopt;
            }
            pos += 3;
        }
        if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
            ++pos;
            std::int64_t scale = 100000;
            const std::size_t start = pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                micros += (text[pos] - '0') * scale;
                scale /= 10;
                ++pos;
            }
            if (pos == start) {
                return std::nullopt;
            }
        }
        if (pos < text.size()) {
            int oh = 0, om = 0;
            if (text[pos] == 'Z' && pos + 1 == text.size()) {
                pos += 1;
            } else if ((text[pos] == '+' || text[pos] == '-') && text.size() == pos + 6 &&
                       read_digits(text, pos + 1, 2, oh) && text[pos + 3] == ':' &&
                       read_digits(text, pos + 4, 2, om)) {
                offset_minutes = (text[pos] == '-' ? -1 : 1) * (oh * 60 + om);
                pos += 6;
            } else {
                return std::nullopt;
            }
        }
    }
    if (hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    const auto at = std::chrono::sys_days{date} + std::chrono::hours{hour} +
                    std::chrono::minutes{minute - offset_minutes} + std::chrono::seconds{second} +
                    std::chrono::microseconds{micros};
    return std::chrono::time_point_cast<std::chrono::microseconds>(at);
}

std::optional<duration> parse_duration(std::string_view text) {
    double amount = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), amount);
    if (ec != std::errc{} || end == text.data() || amount < 0 || !std::isfinite(amount)) {
        return std::nullopt;
    }
    const std::string_view unit{end, static_cast<std::size_t>(text.data() + text.size() - end)};
    double micros_per_unit = 0;
    if (unit.empty() || unit == "s") {
        micros_per_unit = 1e6;
    } else if (unit == "ms") {
        micros_per_unit = 1e3;
    } else if (unit == "us") {
        micros_per_unit = 1;
    } else if (unit == "m") {
        micros_per_unit = 60e6;
    } else if (unit == "h") {
        micros_per_unit = 3600e6;
    } else if (unit == "d") {
        micros_per_unit = 86400e6;
    } else {
        return std::nullopt;
    }
    const double micros = std::round(amount * micros_per_unit);
    if (micros > 1e17) {
        return std::nullopt;
    }
    return duration{static_cast<std::int64_t>(micros)};
}

} // namespace emu::support
