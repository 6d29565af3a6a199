#include "server/wire/json_writer.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
using namespace emu;

BOOST_AUTO_TEST_SUITE(json_writer)

BOOST_AUTO_TEST_CASE(writes_floats_the_python_way) {
    BOOST_TEST(
        json_text::compact(json::parse(R"([1.0, 0.9982, 0.47, 1e-7, 14.0, 123456.789, -2.5])")) ==
        "[1.0,0.9982,0.47,1e-07,14.0,123456.789,-2.5]");
}

BOOST_AUTO_TEST_CASE(keeps_utf8_and_escapes_controls) {
    BOOST_TEST(json_text::compact(json::string{"caf\xc3\xa9 \"q\" \\ \n\x01"}) ==
               "\"caf\xc3\xa9 \\\"q\\\" \\\\ \\n\\u0001\"");
}

BOOST_AUTO_TEST_CASE(compact_keeps_key_order) {
    BOOST_TEST(json_text::compact(json::parse(R"({"b": 1, "a": [true, null, {}], "c": []})")) ==
               R"({"b":1,"a":[true,null,{}],"c":[]})");
}

BOOST_AUTO_TEST_CASE(indented_matches_json_dumps_indent_2) {
    BOOST_TEST(json_text::indented(json::parse(R"({"a": [1, {"b": null}], "c": {}})")) ==
               "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": {}\n}");
}

BOOST_AUTO_TEST_SUITE_END()
