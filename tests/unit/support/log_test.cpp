// The access log: what a line holds in text and JSON, and what it never holds (the query).
#include "server/support/log.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace {

namespace json = boost::json;

// Captures every log line at info level in `lines_format` until destroyed.
struct captured_log {
    explicit captured_log(emu::log::format lines_format) {
        emu::log::set_format(lines_format);
        emu::log::set_level(emu::log::level::info);
        emu::log::set_sink([this](std::string_view line) { lines.emplace_back(line); });
    }

    ~captured_log() {
        emu::log::set_sink({});
        emu::log::set_format(emu::log::format::text);
        emu::log::set_level(emu::log::level::info);
    }

    std::vector<std::string> lines;
};

const emu::log::access_entry entry{.remote = "127.0.0.1",
                                   .method = "GET",
                                   .target = "/_emulator/clock?tenant=s3cr3t-key",
                                   .status = 200,
                                   .bytes = 81,
                                   .duration_ms = 0.17,
                                   .bearer_token = "token"};

} // namespace

BOOST_AUTO_TEST_SUITE(access_log)

BOOST_AUTO_TEST_CASE(json_lines_write_duration_as_a_plain_decimal_and_no_query) {
    captured_log log{emu::log::format::json};
    emu::log::access(entry);
    BOOST_TEST_REQUIRE(log.lines.size() == 1u);
    const auto& line = log.lines[0];
    BOOST_TEST(line.find(R"("duration_ms":0.170,)") != std::string::npos, line);
    BOOST_TEST(line.find("s3cr3t") == std::string::npos, line);
    BOOST_TEST(line.find("token") == std::string::npos, line);
    auto parsed = json::parse(line).as_object();
    BOOST_TEST(parsed.at("duration_ms").as_double() == 0.17);
    BOOST_TEST(parsed.at("level").as_string() == "info");
    BOOST_TEST(parsed.at("ts").is_string());
    parsed.erase("ts");
    BOOST_TEST(json::value(parsed) == json::parse(R"({"level": "info",
        "msg": "127.0.0.1 \"GET /_emulator/clock\" 200 81B 0.1ms", "method": "GET",
        "path": "/_emulator/clock", "status": 200, "bytes": 81, "duration_ms": 0.17,
        "remote": "127.0.0.1", "tenant_hash": ")" +
                                                  emu::log::tenant_hash("token") + R"("})"));
}

BOOST_AUTO_TEST_CASE(json_durations_keep_three_decimals) {
    captured_log log{emu::log::format::json};
    auto slow = entry;
    slow.duration_ms = 1234.5678;
    emu::log::access(slow);
    slow.duration_ms = 0;
    emu::log::access(slow);
    BOOST_TEST_REQUIRE(log.lines.size() == 2u);
    BOOST_TEST(log.lines[0].find(R"("duration_ms":1234.568,)") != std::string::npos, log.lines[0]);
    BOOST_TEST(log.lines[1].find(R"("duration_ms":0.000,)") != std::string::npos, log.lines[1]);
}

BOOST_AUTO_TEST_CASE(text_lines_leave_the_query_out_too) {
    captured_log log{emu::log::format::text};
    emu::log::access(entry);
    BOOST_TEST_REQUIRE(log.lines.size() == 1u);
    BOOST_TEST(log.lines[0] == "edenmock info: 127.0.0.1 \"GET /_emulator/clock\" 200 81B 0.1ms");
}

BOOST_AUTO_TEST_SUITE_END()
