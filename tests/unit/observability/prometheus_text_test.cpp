#include "server/observability/prometheus_text.hpp"
#include "server/observability/request_metrics.hpp"

#include <boost/test/unit_test.hpp>

using namespace emu::observability;

BOOST_AUTO_TEST_SUITE(prometheus_exposition)

BOOST_AUTO_TEST_CASE(label_values_and_help_are_escaped) {
    BOOST_TEST(prometheus_text::escape_label("a\\b\"c\nd") == "a\\\\b\\\"c\\nd");
    BOOST_TEST(prometheus_text::escape_help("x\\y\n\"z\"") == "x\\\\y\\n\"z\"");
}

BOOST_AUTO_TEST_CASE(values_are_written_in_their_shortest_form) {
    BOOST_TEST(prometheus_text::format_value(3) == "3");
    BOOST_TEST(prometheus_text::format_value(0.0005) == "0.0005");
    BOOST_TEST(prometheus_text::format_value(2.5) == "2.5");
    BOOST_TEST(prometheus_text::format_value(1.0 / 0.0) == "+Inf");
}

BOOST_AUTO_TEST_CASE(families_have_help_and_type_lines_then_samples) {
    prometheus_text out;
    out.family("x_total", "counter", "Things.");
    out.sample("x_total", {{"route", "a\"b"}, {"status", "200"}}, 2);
    out.sample("y", {}, 1.5);
    BOOST_TEST(out.text() == "# HELP x_total Things.\n"
                             "# TYPE x_total counter\n"
                             "x_total{route=\"a\\\"b\",status=\"200\"} 2\n"
                             "y 1.5\n");
}

BOOST_AUTO_TEST_CASE(histograms_are_cumulative_and_count_matches_inf) {
    request_metrics metrics;
    metrics.observe("get", 200, 0.0001);
    metrics.observe("get", 200, 0.003);
    metrics.observe("get", 404, 10);
    prometheus_text out;
    metrics.write(out);
    const auto& text = out.text();
    BOOST_TEST(text.find("edenmock_requests_total{route=\"get\",status=\"200\"} 2\n") !=
               std::string::npos);
    BOOST_TEST(text.find("edenmock_requests_total{route=\"get\",status=\"404\"} 1\n") !=
               std::string::npos);
    BOOST_TEST(text.find("# TYPE edenmock_request_duration_seconds histogram\n") !=
               std::string::npos);
    BOOST_TEST(text.find("_bucket{route=\"get\",le=\"0.0005\"} 1\n") != std::string::npos);
    BOOST_TEST(text.find("_bucket{route=\"get\",le=\"0.005\"} 2\n") != std::string::npos);
    BOOST_TEST(text.find("_bucket{route=\"get\",le=\"2.5\"} 2\n") != std::string::npos);
    BOOST_TEST(text.find("_bucket{route=\"get\",le=\"+Inf\"} 3\n") != std::string::npos);
    BOOST_TEST(text.find("edenmock_request_duration_seconds_count{route=\"get\"} 3\n") !=
               std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
