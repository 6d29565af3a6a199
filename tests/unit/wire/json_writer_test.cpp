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
    // Where the shortest form and repr differ: repr is fixed for exponents -4 to 15.
    // Expected: json.dumps([...], separators=(",", ":")) of the same doubles, by python3.
    const json::array values{100000.0,
                             0.0001,
                             0.00012,
                             1e15,
                             1e16,
                             123456789012345678.0,
                             -0.0,
                             0.0,
                             5e-324,
                             1.7976931348623157e308,
                             1.0 / 3,
                             9007199254740992.0,
                             1e-5};
    BOOST_TEST(json_text::compact(values) ==
               "[100000.0,0.0001,0.00012,1000000000000000.0,1e+16,1.2345678901234568e+17,-0.0,"
               "0.0,5e-324,1.7976931348623157e+308,0.3333333333333333,9007199254740992.0,1e-05]");
}

BOOST_AUTO_TEST_CASE(keeps_utf8_and_escapes_controls) {
    BOOST_TEST(json_text::compact(json::string{"caf\xc3\xa9 \"q\" \\ \n\x01"}) ==
               "\"caf\xc3\xa9 \\\"q\\\" \\\\ \\n\\u0001\"");
}

BOOST_AUTO_TEST_CASE(a_writer_writes_what_compact_writes_of_the_same_document) {
    const auto document = json::parse(
        R"({"a":1,"b":[],"c":{},"d":[[1,"x\n"],{"e":null,"f":true}],"g":false,"h":18446744073709551615,"i":-3,"j":{"k":[0.5]}})");
    std::string out;
    json_text::writer w{out};
    w.open_object().key("a").number(1).key("b").open_array().close_array();
    w.key("c").open_object().close_object();
    w.key("d").open_array().open_array().number(1).text("x\n").close_array();
    w.open_object().key("e").number_or_null(std::optional<int>{}).key("f").boolean(true);
    w.close_object().close_array();
    w.key("g").boolean(false).key("h").number(std::uint64_t{18446744073709551615U});
    w.key("i").number(-3).key("j").value(json::parse(R"({"k":[0.5]})")).close_object();
    BOOST_TEST(out == json_text::compact(document));
}

BOOST_AUTO_TEST_CASE(a_writer_starts_a_line_after_a_newline_without_a_comma) {
    std::string out{"{\"a\":1}\n"};
    json_text::writer{out}.open_object().key("b").number(2).close_object();
    BOOST_TEST(out == "{\"a\":1}\n{\"b\":2}");
}

BOOST_AUTO_TEST_CASE(bytes_that_are_not_utf8_are_written_as_replacement_characters) {
    // A multipart filename may hold any bytes: what is written must parse back.
    const std::string bytes{"a\xff"
                            "b\xc3\xa9\xc3"
                            "\"\xed\xa0\x80"};
    const auto text = json_text::compact(json::string{bytes});
    BOOST_TEST(text == "\"a\xef\xbf\xbd"
                       "b\xc3\xa9\xef\xbf\xbd\\\""
                       "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
    BOOST_TEST(json::parse(text).as_string() == "a\xef\xbf\xbd"
                                                "b\xc3\xa9\xef\xbf\xbd\""
                                                "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    std::string out;
    json_text::writer{out}.text(bytes);
    BOOST_TEST(out == text);
}

BOOST_AUTO_TEST_CASE(compact_keeps_key_order) {
    BOOST_TEST(json_text::compact(json::parse(R"({"b": 1, "a": [true, null, {}], "c": []})")) ==
               R"({"b":1,"a":[true,null,{}],"c":[]})");
}

BOOST_AUTO_TEST_CASE(indented_matches_json_dumps_indent_2) {
    BOOST_TEST(json_text::indented(json::parse(R"({"a": [1, {"b": null}], "c": {}})")) ==
               "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": {}\n}");
}

// A nested document with unicode keys and text, floats, empty containers and nested arrays.
// Its keys are out of order; "é" and "ﬁ" (U+FB01) sort before "🚀" (U+1F680) by code point, as
// Python sorts them (JavaScript's UTF-16 order would put "🚀" first).
const char* const nested = R"({"zeta": [1, [2, [3.5, []]], {}], "Émile": "café ☕ 🚀",
    "alpha": {"b": 1.0, "a": 100000.0, "c": null, "B": true}, "_": 0.0001,
    "aa": [{"y": -2.5e-07, "x": 1e+16}], "a": "line\nbreak \"q\" \u0001",
    "é": 1.2345678901234568e+17, "🚀": 1, "ﬁ": 2, "z": false, "e": {},
    "n": [0.47, 1e+22, -0.0, 12345.678]})";

BOOST_AUTO_TEST_CASE(canonical_matches_json_dumps_sort_keys_indent_2) {
    // Expected: python3, json.dumps(p, sort_keys=True, indent=2, ensure_ascii=False) of `nested`.
    const std::string expected = "{\n"
                                 "  \"_\": 0.0001,\n"
                                 "  \"a\": \"line\\nbreak \\\"q\\\" \\u0001\",\n"
                                 "  \"aa\": [\n"
                                 "    {\n"
                                 "      \"x\": 1e+16,\n"
                                 "      \"y\": -2.5e-07\n"
                                 "    }\n"
                                 "  ],\n"
                                 "  \"alpha\": {\n"
                                 "    \"B\": true,\n"
                                 "    \"a\": 100000.0,\n"
                                 "    \"b\": 1.0,\n"
                                 "    \"c\": null\n"
                                 "  },\n"
                                 "  \"e\": {},\n"
                                 "  \"n\": [\n"
                                 "    0.47,\n"
                                 "    1e+22,\n"
                                 "    -0.0,\n"
                                 "    12345.678\n"
                                 "  ],\n"
                                 "  \"z\": false,\n"
                                 "  \"zeta\": [\n"
                                 "    1,\n"
                                 "    [\n"
                                 "      2,\n"
                                 "      [\n"
                                 "        3.5,\n"
                                 "        []\n"
                                 "      ]\n"
                                 "    ],\n"
                                 "    {}\n"
                                 "  ],\n"
                                 "  \"Émile\": \"café ☕ 🚀\",\n"
                                 "  \"é\": 1.2345678901234568e+17,\n"
                                 "  \"ﬁ\": 2,\n"
                                 "  \"🚀\": 1\n"
                                 "}";
    BOOST_TEST(json_text::canonical(json::parse(nested)) == expected);
}

BOOST_AUTO_TEST_CASE(indented_keeps_key_order_where_canonical_sorts) {
    // Expected: python3, json.dumps(p, indent=2, ensure_ascii=False) of `nested`.
    const std::string expected = "{\n"
                                 "  \"zeta\": [\n"
                                 "    1,\n"
                                 "    [\n"
                                 "      2,\n"
                                 "      [\n"
                                 "        3.5,\n"
                                 "        []\n"
                                 "      ]\n"
                                 "    ],\n"
                                 "    {}\n"
                                 "  ],\n"
                                 "  \"Émile\": \"café ☕ 🚀\",\n"
                                 "  \"alpha\": {\n"
                                 "    \"b\": 1.0,\n"
                                 "    \"a\": 100000.0,\n"
                                 "    \"c\": null,\n"
                                 "    \"B\": true\n"
                                 "  },\n"
                                 "  \"_\": 0.0001,\n"
                                 "  \"aa\": [\n"
                                 "    {\n"
                                 "      \"y\": -2.5e-07,\n"
                                 "      \"x\": 1e+16\n"
                                 "    }\n"
                                 "  ],\n"
                                 "  \"a\": \"line\\nbreak \\\"q\\\" \\u0001\",\n"
                                 "  \"é\": 1.2345678901234568e+17,\n"
                                 "  \"🚀\": 1,\n"
                                 "  \"ﬁ\": 2,\n"
                                 "  \"z\": false,\n"
                                 "  \"e\": {},\n"
                                 "  \"n\": [\n"
                                 "    0.47,\n"
                                 "    1e+22,\n"
                                 "    -0.0,\n"
                                 "    12345.678\n"
                                 "  ]\n"
                                 "}";
    BOOST_TEST(json_text::indented(json::parse(nested)) == expected);
}

BOOST_AUTO_TEST_CASE(canonical_of_scalars_and_empty_containers) {
    BOOST_TEST(json_text::canonical(json::parse("{}")) == "{}");
    BOOST_TEST(json_text::canonical(json::parse("[]")) == "[]");
    BOOST_TEST(json_text::canonical(json::parse("[[], {}]")) == "[\n  [],\n  {}\n]");
    BOOST_TEST(json_text::canonical(json::parse("\"é\"")) == "\"é\"");
    BOOST_TEST(json_text::canonical(json::parse("2.0")) == "2.0");
}

BOOST_AUTO_TEST_SUITE_END()
