#include "server/support/log.hpp"

#include "server/support/fnv1a.hpp"
#include "server/support/iso_time.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <string>

namespace emu::log {
namespace {

namespace json = boost::json;

std::atomic<level> threshold{level::info};
std::atomic<format> line_format{format::text};
std::mutex output_mutex;
std::function<void(std::string_view)> output_sink; // guarded by output_mutex

void emit(std::string line) {
    std::lock_guard lock{output_mutex};
    if (output_sink) {
        output_sink(line);
        return;
    }
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
}

// A JSON line's common members: wall time (UTC), level and message.
json::object json_line(level at, std::string_view message) {
    const auto now =
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
    return json::object{
        {"ts", support::format_utc(now)}, {"level", level_names(at)}, {"msg", message}};
}

// Milliseconds as a JSON number with 3 decimals ("0.170"): Boost.JSON would write "1.7E-1".
std::string milliseconds_text(double ms) {
    std::array<char, 32> digits{};
    const auto shown = std::isfinite(ms) && ms >= 0 ? ms : 0.0;
    const auto [end, ec] = std::to_chars(
        digits.data(), digits.data() + digits.size(), shown, std::chars_format::fixed, 3);
    return ec == std::errc{} ? std::string{digits.data(), end} : std::string{"0.000"};
}

// The line as JSON, with `raw_key`'s value written as the JSON text `raw_value`.
std::string
serialize_with(const json::object& line, std::string_view raw_key, std::string_view raw_value) {
    std::string text = "{";
    for (const auto& member : line) {
        text += text.size() > 1 ? "," : "";
        text += json::serialize(json::string_view{member.key()});
        text += ':';
        text += member.key() == raw_key ? std::string{raw_value} : json::serialize(member.value());
    }
    return text + "}";
}

} // namespace

void set_level(level at) {
    threshold.store(at);
}

void set_format(format lines) {
    line_format.store(lines);
}

void set_sink(std::function<void(std::string_view line)> sink) {
    std::lock_guard lock{output_mutex};
    output_sink = std::move(sink);
}

bool enabled(level at) {
    return at >= threshold.load(std::memory_order_relaxed) && at != level::off;
}

void write(level at, std::string_view message) {
    if (!enabled(at)) {
        return;
    }
    if (line_format.load(std::memory_order_relaxed) == format::json) {
        emit(json::serialize(json_line(at, message)));
        return;
    }
    std::string line = "edenmock ";
    line += level_names(at);
    line += ": ";
    line += message;
    emit(std::move(line));
}

void access(const access_entry& entry) {
    if (!enabled(level::info)) {
        return;
    }
    // Never the query: it can hold secrets (a control call's ?tenant= is an API key).
    const auto path = entry.target.substr(0, entry.target.find_first_of("?#"));
    const auto tenths = static_cast<long long>(entry.duration_ms * 10);
    const std::string text = std::string{entry.remote} + " \"" + std::string{entry.method} + " " +
                             std::string{path} + "\" " + std::to_string(entry.status) + " " +
                             std::to_string(entry.bytes) + "B " + std::to_string(tenths / 10) +
                             "." + std::to_string(tenths % 10) + "ms";
    if (line_format.load(std::memory_order_relaxed) == format::text) {
        write(level::info, text);
        return;
    }
    auto line = json_line(level::info, text);
    line["method"] = entry.method;
    line["path"] = path;
    line["status"] = entry.status;
    line["bytes"] = entry.bytes;
    line["duration_ms"] = nullptr; // written by serialize_with
    line["remote"] = entry.remote;
    line["tenant_hash"] =
        entry.bearer_token.empty() ? json::value() : json::value(tenant_hash(entry.bearer_token));
    emit(serialize_with(line, "duration_ms", milliseconds_text(entry.duration_ms)));
}

std::string tenant_hash(std::string_view token) {
    constexpr std::string_view digits = "0123456789abcdef";
    const auto hash = support::fnv1a(token);
    std::string hex;
    for (int shift = 60; shift >= 32; shift -= 4) {
        hex += digits[(hash >> shift) & 0xf];
    }
    return hex;
}

} // namespace emu::log
