#include "server/support/iso_time.hpp"
#include "server/wire/journal_records.hpp"

#include <boost/json/value_from.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
using namespace emu;

BOOST_AUTO_TEST_SUITE(journal_records)

BOOST_AUTO_TEST_CASE(a_request_record_shows_its_times_and_nulls) {
    // Built in one aggregate, every member named: GCC 12 at -O3 reports a false
    // maybe-uninitialized for short strings assigned to a default-constructed record.
    const observability::request_record r{
        .seq = 7,
        .at = scheduling::instant{std::chrono::seconds{1767225605}},
        .method = "GET",
        .path = "/v2/x",
        .query = {},
        .tenant = {},
        .kind = observability::route_kind::other,
        .feature = {},
        .job_id = {},
        .headers = {},
        .body_excerpt = {},
        .status = 200,
        .retry_after = {},
        .job_status = {},
    };
    const auto out = json::value_from(r).as_object();
    BOOST_TEST(out.at("seq").as_uint64() == 7u);
    BOOST_TEST(out.at("at").as_string() == "2026-01-01T00:00:05.000000Z");
    BOOST_TEST(out.at("job").is_null());
    BOOST_TEST(out.at("feature").is_null());
    BOOST_TEST(out.at("kind").as_string() == "other");
    BOOST_TEST(out.at("status").as_uint64() == 200u);
}

BOOST_AUTO_TEST_CASE(an_attempt_record_shows_its_request_response_and_times) {
    const webhooks::attempt_record a{
        .seq = 3,
        .delivery_id = "d1",
        .job_id = "j1",
        .tenant = {},
        .feature = {},
        .attempt = 2,
        .kind = webhooks::attempt_kind::retry,
        .url = {},
        .headers = {{"content-type", "application/json"}},
        .body = std::make_shared<const std::string>("{}"),
        .scheduled_at = scheduling::instant{std::chrono::seconds{1767225601}},
        .sent_at = {},
        .completed_at = {},
        .status = webhooks::attempt_status::failed,
        .response_status = 503,
        .response_excerpt = "busy",
        .error = {},
        .retry_at = {},
    };
    const auto out = json::value_from(a).as_object();
    BOOST_TEST(out.at("kind").as_string() == "retry");
    BOOST_TEST(out.at("status").as_string() == "failed");
    BOOST_TEST(out.at("attempt").as_uint64() == 2u);
    BOOST_TEST(out.at("request").at("headers").at("content-type").as_string() ==
               "application/json");
    BOOST_TEST(out.at("request").at("body").as_string() == "{}");
    BOOST_TEST(out.at("response").at("status").as_uint64() == 503u);
    BOOST_TEST(out.at("sent_at").is_null());
    BOOST_TEST(out.at("error").is_null());
    BOOST_TEST(out.at("scheduled_at").as_string() == "2026-01-01T00:00:01.000000Z");
}

BOOST_AUTO_TEST_CASE(a_vector_of_records_is_an_array) {
    std::vector<observability::request_record> records(2);
    BOOST_TEST(json::value_from(records).as_array().size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
