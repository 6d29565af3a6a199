// The request journal's records in the state file: chunk keys, lines, a round trip of every member,
// and what a damaged record is refused with.
#include "server/wire/json_reader.hpp"
#include "server/wire/request_rows.hpp"
#include "server/wire/state_rows.hpp"

#include <boost/test/unit_test.hpp>

using namespace emu;

namespace {

observability::request_record sample(std::uint64_t seq) {
    // Every member named, as in journal_records_test (GCC 12's false maybe-uninitialized).
    return observability::request_record{
        .seq = seq,
        .at = scheduling::instant{std::chrono::seconds{1767225605}},
        .method = "POST",
        .path = "/v2/ocr/ocr_async",
        .query = "a=1",
        .tenant = "alice",
        .kind = observability::route_kind::launch,
        .feature = "ocr/ocr_async",
        .job_id = "f44e0e04-42cd-455a-8ed9-17214f2ec903",
        .headers = {{"X-Twice", "1"}, {"X-Twice", "2"}},
        .body_excerpt = "{\"providers\":\"amazon\"}",
        .status = 200,
        .retry_after = "3",
        .job_status = "finished",
    };
}

bool same(const observability::request_record& a, const observability::request_record& b) {
    return a.seq == b.seq && a.at == b.at && a.method == b.method && a.path == b.path &&
           a.query == b.query && a.tenant == b.tenant && a.kind == b.kind &&
           a.feature == b.feature && a.job_id == b.job_id && a.headers == b.headers &&
           a.body_excerpt == b.body_excerpt && a.status == b.status &&
           a.retry_after == b.retry_after && a.job_status == b.job_status;
}

} // namespace

BOOST_AUTO_TEST_SUITE(request_rows)

BOOST_AUTO_TEST_CASE(chunk_keys_have_20_digits_and_sort_by_number) {
    BOOST_TEST(wire::request_chunk_key(1) == "00000000000000000001");
    BOOST_TEST(wire::request_chunk_key(18446744073709551615u) == "18446744073709551615");
    BOOST_TEST(wire::request_chunk_number("00000000000000000100").value_or(0) == 100u);
    BOOST_TEST(!wire::request_chunk_number("100"));
    BOOST_TEST(!wire::request_chunk_number("0000000000000000010x"));
}

BOOST_AUTO_TEST_CASE(a_line_is_compact_json_in_a_fixed_member_order) {
    auto record = sample(7);
    record.headers = {{"Accept", "a\"b"}};
    record.path = "/v2/\xff"; // bytes of the request's head need not be UTF-8
    BOOST_TEST(wire::request_line(record, {8, 3, 5}) ==
               R"({"seq":7,"at":"2026-01-01T00:00:05.000000Z","method":"POST","path":"/v2/�",)"
               R"("query":"a=1","tenant":"alice","kind":"launch","feature":"ocr/ocr_async",)"
               R"("job":"f44e0e04-42cd-455a-8ed9-17214f2ec903","headers":[["Accept","a\"b"]],)"
               R"("body_excerpt":"{\"providers\":\"amazon\"}","status":200,"retry_after":"3",)"
               R"("job_status":"finished","dropped":3,"first_kept":5})");
}

BOOST_AUTO_TEST_CASE(records_and_chunk_ranges_come_back_with_the_newest_lines_counters) {
    const std::vector<storage::record> rows{
        {"job", "alice\nx", "{}"},                                            // not the journal's
        {"request_counters", "", wire::request_counters_record({100, 2, 8})}, // an older reset
        {"requests",
         wire::request_chunk_key(2),
         wire::requests_record({sample(8), sample(9)}, {10, 7, 8})},
        {"requests", wire::request_chunk_key(5), wire::requests_record({sample(129)}, {130, 9, 8})},
    };
    const auto saved = wire::requests_of(rows);
    BOOST_TEST((saved.counters == observability::journal_counters{130, 9, 8}));
    BOOST_TEST_REQUIRE(saved.records.size() == 3u);
    BOOST_TEST(same(saved.records[0], sample(8)));
    BOOST_TEST(same(saved.records[1], sample(9)));
    BOOST_TEST(same(saved.records[2], sample(129)));
    BOOST_TEST_REQUIRE(saved.chunks.size() == 2u);
    BOOST_TEST((saved.chunks.at(2) == wire::seq_range{8, 9}));
    BOOST_TEST((saved.chunks.at(5) == wire::seq_range{129, 129}));
    BOOST_TEST(saved.next_chunk == 6u);
}

BOOST_AUTO_TEST_CASE(a_counters_record_written_after_the_newest_line_wins) {
    const auto line = wire::requests_record({sample(129)}, {130, 9, 100});
    // A reset of every record after seq 129: no line since, the seqs go on from 130.
    const auto reset =
        wire::requests_of({{"request_counters", "", wire::request_counters_record({130, 0, 130})},
                           {"requests", wire::request_chunk_key(5), line}});
    BOOST_TEST((reset.counters == observability::journal_counters{130, 0, 130}));
    BOOST_TEST((wire::requests_of({}).counters == observability::journal_counters{}));
}

BOOST_AUTO_TEST_CASE(a_damaged_record_is_refused_naming_it_the_line_and_the_member) {
    const auto refusal = [](std::string key, std::string value) {
        try {
            wire::requests_of({{"requests", std::move(key), std::move(value)}});
        } catch (const wire::snapshot_error& error) {
            return std::string{error.what()};
        }
        return std::string{"accepted"};
    };
    const auto key = wire::request_chunk_key(1);
    BOOST_TEST(refusal(key, wire::request_line(sample(1), {}) + "\n[") ==
               "state record requests \"00000000000000000001\" line 2: not JSON");
    BOOST_TEST(refusal(key, "[]") ==
               "$(state record requests \"00000000000000000001\" line 1): expected an object");
    BOOST_TEST(refusal(key, R"({"seq": 1})") ==
               "$(state record requests \"00000000000000000001\" line 1).at: missing");
    BOOST_TEST(refusal("12", "") == "state record requests \"12\": not a chunk's number");
}

BOOST_AUTO_TEST_SUITE_END()
