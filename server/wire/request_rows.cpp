#include "server/wire/request_rows.hpp"

#include "server/support/iso_time.hpp"
#include "server/wire/json_reader.hpp"
#include "server/wire/json_writer.hpp"
#include "server/wire/state_rows.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <charconv>

namespace emu::wire {
namespace {

namespace json = boost::json;
using observability::request_record;

constexpr std::size_t chunk_key_digits = 20; // 2^64 has 20 digits

// Appends `,"name":` (no comma before the first member).
void member(std::string& out, std::string_view name) {
    if (out.back() != '{') {
        out.push_back(',');
    }
    out.push_back('"');
    out.append(name);
    out.append("\":");
}

void text_member(std::string& out, std::string_view name, std::string_view value) {
    member(out, name);
    json_text::append_quoted(out, value);
}

void number_member(std::string& out, std::string_view name, std::uint64_t value) {
    member(out, name);
    out.append(std::to_string(value));
}

request_record read_request(const json_reader& in) {
    request_record record;
    record.seq = in["seq"].whole<std::uint64_t>();
    record.at = in["at"].time();
    record.method = in["method"].text();
    record.path = in["path"].text();
    record.query = in["query"].text();
    record.tenant = in["tenant"].text();
    const auto kind = in["kind"];
    const auto named = observability::route_kind_names.parse(kind.text());
    if (!named) {
        kind.fail("expected " + observability::route_kind_names.choices("\""));
    }
    record.kind = *named;
    record.feature = in["feature"].text();
    record.job_id = in["job"].text();
    const auto headers = in["headers"];
    for (std::size_t index = 0; index < headers.array().size(); ++index) {
        const auto pair = headers.item(index);
        if (pair.array().size() != 2) {
            pair.fail("expected [name, value]");
        }
        record.headers.emplace_back(pair.item(0).text(), pair.item(1).text());
    }
    record.body_excerpt = in["body_excerpt"].text();
    record.status = in["status"].whole<unsigned>();
    record.retry_after = in["retry_after"].text();
    record.job_status = in["job_status"].text();
    return record;
}

json::value parsed(std::string_view text, const storage::record& record, std::string_view line) {
    boost::system::error_code ec;
    auto value = json::parse(text, ec);
    if (ec) {
        throw snapshot_error{"state record " + record.kind + " \"" + record.key + "\"" +
                             std::string{line} + ": not JSON"};
    }
    return value;
}

// The records of a chunk's lines; their seq range goes to `range`.
void read_chunk(const storage::record& record, saved_requests& saved) {
    const auto number = request_chunk_number(record.key);
    if (!number) {
        throw snapshot_error{"state record requests \"" + record.key + "\": not a chunk's number"};
    }
    seq_range range{};
    std::string_view rest = record.value;
    for (std::size_t line = 1; !rest.empty(); ++line) {
        const auto end = std::min(rest.find('\n'), rest.size());
        const auto where = " line " + std::to_string(line);
        const auto value = parsed(rest.substr(0, end), record, where);
        rest.remove_prefix(std::min(end + 1, rest.size()));
        const json_reader in{value, "$(state record requests \"" + record.key + "\"" + where + ")"};
        auto request = read_request(in);
        if (request.seq >= saved.counters.next_seq) { // the newest line so far
            saved.counters = {request.seq + 1,
                              in["dropped"].whole<std::uint64_t>(),
                              in["first_kept"].whole<std::uint64_t>()};
        }
        range.first = range.first == 0 ? request.seq : std::min(range.first, request.seq);
        range.last = std::max(range.last, request.seq);
        saved.records.push_back(std::move(request));
    }
    saved.chunks.emplace(*number, range);
    saved.next_chunk = std::max(saved.next_chunk, *number + 1);
}

} // namespace

std::string request_chunk_key(std::uint64_t chunk) {
    const auto number = std::to_string(chunk);
    return std::string(chunk_key_digits - number.size(), '0') + number;
}

std::optional<std::uint64_t> request_chunk_number(std::string_view key) {
    std::uint64_t number = 0;
    const auto* end = key.data() + key.size();
    const auto [stop, error] = std::from_chars(key.data(), end, number);
    if (key.size() != chunk_key_digits || error != std::errc{} || stop != end) {
        return std::nullopt;
    }
    return number;
}

std::string request_line(const request_record& record,
                         const observability::journal_counters& after) {
    using observability::valid_utf8; // what came from the request's head may be any bytes
    std::string out{"{"};
    out.reserve(512 + record.body_excerpt.size());
    number_member(out, "seq", record.seq);
    text_member(out, "at", support::format_utc(record.at));
    text_member(out, "method", valid_utf8(record.method));
    text_member(out, "path", valid_utf8(record.path));
    text_member(out, "query", valid_utf8(record.query));
    text_member(out, "tenant", valid_utf8(record.tenant));
    text_member(out, "kind", to_string(record.kind));
    text_member(out, "feature", record.feature);
    text_member(out, "job", record.job_id);
    member(out, "headers");
    out.push_back('[');
    for (const auto& [name, value] : record.headers) {
        out.append(out.back() == '[' ? "[" : ",[");
        json_text::append_quoted(out, name);
        out.push_back(',');
        json_text::append_quoted(out, value);
        out.push_back(']');
    }
    out.push_back(']');
    text_member(out, "body_excerpt", record.body_excerpt);
    number_member(out, "status", record.status);
    text_member(out, "retry_after", record.retry_after);
    text_member(out, "job_status", record.job_status);
    number_member(out, "dropped", after.dropped);
    number_member(out, "first_kept", after.first_kept);
    out.push_back('}');
    return out;
}

std::string requests_record(const std::vector<request_record>& records,
                            const observability::journal_counters& now) {
    std::string out;
    for (const auto& record : records) {
        if (!out.empty()) {
            out.push_back('\n');
        }
        out.append(request_line(record, now));
    }
    return out;
}

std::string request_counters_record(const observability::journal_counters& counters) {
    std::string out{"{"};
    number_member(out, "next_seq", counters.next_seq);
    number_member(out, "dropped", counters.dropped);
    number_member(out, "first_kept", counters.first_kept);
    out.push_back('}');
    return out;
}

saved_requests requests_of(const std::vector<storage::record>& records) {
    saved_requests saved;
    std::optional<observability::journal_counters> written;
    for (const auto& record : records) {
        if (record.kind == state_kind::requests) {
            read_chunk(record, saved);
        } else if (record.kind == state_kind::request_counters) {
            const auto value = parsed(record.value, record, "");
            const json_reader in{value, "$(state record " + record.kind + " \"\")"};
            written = {in["next_seq"].whole<std::uint64_t>(),
                       in["dropped"].whole<std::uint64_t>(),
                       in["first_kept"].whole<std::uint64_t>()};
        }
    }
    // The record was written at a reset: it is newer unless a line came after it.
    if (written && written->next_seq >= saved.counters.next_seq) {
        saved.counters = *written;
    }
    // Chunks come ordered by key, so by number, and their lines in seq order.
    std::stable_sort(saved.records.begin(), saved.records.end(), [](const auto& a, const auto& b) {
        return a.seq < b.seq;
    });
    return saved;
}

} // namespace emu::wire
