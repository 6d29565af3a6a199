#include "server/support/iso_time.hpp"
#include "server/wire/journal_records.hpp"

#include <boost/json/value_from.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
using namespace emu;

BOOST_AUTO_TEST_SUITE(journal_records)

BOOST_AUTO_TEST_CASE(a_request_record_shows_its_times_and_nulls) {
    observability::request_record r;
    r.seq = 7;
    r.at = scheduling::instant{std::chrono::seconds{1767225605}};
    r.method = "GET";
    r.path = "/v2/x";
    r.status = 200;
    const auto out = json::value_from(r).as_object();
    BOOST_TEST(out.at("seq").as_uint64() == 7u);
    BOOST_TEST(out.at("at").as_string() == "2026-01-01T00:00:05.000000Z");
    BOOST_TEST(out.at("job").is_null());
    BOOST_TEST(out.at("feature").is_null());
    BOOST_TEST(out.at("kind").as_string() == "other");
    BOOST_TEST(out.at("status").as_uint64() == 200u);
}

BOOST_AUTO_TEST_CASE(an_attempt_record_shows_its_request_response_and_times) {
    webhooks::attempt_record a;
    a.seq = 3;
    a.delivery_id = "d1";
    a.job_id = "j1";
    a.attempt = 2;
    a.kind = webhooks::attempt_kind::retry;
    a.status = webhooks::attempt_status::failed;
    a.scheduled_at = scheduling::instant{std::chrono::seconds{1767225601}};
    a.headers = {{"content-type", "application/json"}};
    a.body = std::make_shared<const std::string>("{}");
    a.response_status = 503;
    a.response_excerpt = "busy";
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
