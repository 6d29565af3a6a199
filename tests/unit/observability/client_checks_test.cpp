#include "server/observability/client_checks.hpp"

#include <boost/test/unit_test.hpp>

using namespace emu::observability;

namespace {

const emu::scheduling::instant start{std::chrono::seconds{1767225600}};

// A journal-like sequence built by hand: seq follows the order of calls.
struct records {
    std::vector<request_record> list;

    request_record& add(route_kind kind, double second, unsigned status = 200) {
        request_record r;
        r.seq = list.size() + 1;
        r.kind = kind;
        r.at = start + emu::scheduling::duration{static_cast<std::int64_t>(second * 1e6)};
        r.status = status;
        r.tenant = "alice";
        list.push_back(r);
        return list.back();
    }

    request_record& poll(std::string job, double second, std::string job_status = "processing") {
        auto& r = add(route_kind::get, second);
        r.job_id = std::move(job);
        r.job_status = std::move(job_status);
        return r;
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(client_checks)

BOOST_AUTO_TEST_CASE(poll_rate_compares_intervals_per_job) {
    records r;
    r.poll("a", 0);
    r.poll("b", 0.1); // another job: its own intervals
    r.poll("a", 1);
    r.poll("a", 2);
    BOOST_TEST(check_poll_rate(r.list, 1).ok);
    const auto strict = check_poll_rate(r.list, 0.5); // at least 2 s apart
    BOOST_TEST(!strict.ok);
    BOOST_TEST(strict.evidence.size() == 2u);
    BOOST_TEST(strict.evidence[0].at("interval_ms").as_double() == 1000.0);
}

BOOST_AUTO_TEST_CASE(polls_at_the_same_instant_are_too_fast) {
    records r;
    r.poll("a", 3);
    r.poll("a", 3);
    const auto result = check_poll_rate(r.list, 1000);
    BOOST_TEST(!result.ok);
    BOOST_TEST(result.evidence.at(0).at("seq").as_uint64() == 2u);
}

BOOST_AUTO_TEST_CASE(polls_after_a_terminal_answer_fail) {
    records r;
    r.poll("a", 0);
    r.poll("a", 2, "finished");
    BOOST_TEST(check_polls_after_terminal(r.list).ok);
    r.poll("a", 3, "finished");
    r.poll("b", 3, "failed");
    const auto result = check_polls_after_terminal(r.list);
    BOOST_TEST(!result.ok);
    BOOST_TEST_REQUIRE(result.evidence.size() == 1u);
    BOOST_TEST(result.evidence[0].at("terminal_seq").as_uint64() == 2u);
}

BOOST_AUTO_TEST_CASE(retry_after_is_checked_against_the_next_request_of_that_kind) {
    records r;
    r.add(route_kind::launch, 0, 429).retry_after = "2";
    r.poll("a", 0.5);               // another kind: not the retry
    r.add(route_kind::launch, 2.5); // waited 2.5 s: fine
    r.add(route_kind::launch, 3, 503).retry_after = "1.5";
    BOOST_TEST(check_retry_after_honoured(r.list).ok); // nothing followed the 503 yet
    r.add(route_kind::launch, 4);                      // 1 s after: too early
    const auto result = check_retry_after_honoured(r.list);
    BOOST_TEST(!result.ok);
    BOOST_TEST_REQUIRE(result.evidence.size() == 1u);
    BOOST_TEST(result.evidence[0].at("seq").as_uint64() == 4u);
    BOOST_TEST(result.evidence[0].at("waited_ms").as_double() == 1000.0);
}

BOOST_AUTO_TEST_CASE(retry_after_parses_delta_seconds_only) {
    BOOST_TEST(parse_retry_after("3").value_or(-1) == 3.0);
    BOOST_TEST(parse_retry_after(" 1.5 ").value_or(-1) == 1.5);
    BOOST_TEST(!parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"));
    BOOST_TEST(!parse_retry_after("-1"));
    BOOST_TEST(!parse_retry_after(""));
}

BOOST_AUTO_TEST_SUITE_END()
