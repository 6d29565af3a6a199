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

request_record read_request(const json_reader& in) {
    request_record record;
    record.seq = in["seq"].whole<std::uint64_t>();
    record.at = in["at"].time();
    record.method = in["method"].text();
    record.path = in["path"].text();
    record.query = in["query"].text();
    record.tenant = in["tenant"].text();
    record.kind = in["kind"].name(observability::route_kind_names);
    record.feature = in["feature"].text();
    record.job_id = in["job"].text();
    record.headers = in["headers"].text_pairs();
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
    std::string text;
    text.reserve(512 + record.body_excerpt.size());
    json_text::writer out{text};
    out.open_object().key("seq").number(record.seq);
    out.key("at").text(support::format_utc(record.at));
    out.key("method").text(record.method).key("path").text(record.path);
    out.key("query").text(record.query).key("tenant").text(record.tenant);
    out.key("kind").text(to_string(record.kind)).key("feature").text(record.feature);
    out.key("job").text(record.job_id).key("headers").open_array();
    for (const auto& [name, value] : record.headers) {
        out.open_array().text(name).text(value).close_array();
    }
    out.close_array().key("body_excerpt").text(record.body_excerpt);
    out.key("status").number(record.status).key("retry_after").text(record.retry_after);
    out.key("job_status").text(record.job_status);
    out.key("dropped").number(after.dropped).key("first_kept").number(after.first_kept);
    out.close_object();
    return text;
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
    std::string text;
    json_text::writer out{text};
    out.open_object().key("next_seq").number(counters.next_seq);
    out.key("dropped").number(counters.dropped).key("first_kept").number(counters.first_kept);
    out.close_object();
    return text;
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
