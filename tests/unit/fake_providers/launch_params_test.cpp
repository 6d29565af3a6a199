// launch_params: names and values kept as given (empty ones, NUL bytes and long text included),
// found by exact name, a value set again replaced where it stood, and typed reads.
#include "fake_providers/generation.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

namespace {

using emu::fake::launch_params;
using entry_list = std::vector<std::pair<std::string_view, std::string_view>>;

} // namespace

BOOST_AUTO_TEST_SUITE(launch_params_store)

BOOST_AUTO_TEST_CASE(values_come_back_as_set_in_the_order_first_set) {
    launch_params params;
    const std::string long_text(70000, 'x');
    const std::string with_nul{"a\0b", 3};
    params.set("text", long_text);
    params.set("empty", "");
    params.set("nul", with_nul);
    BOOST_TEST(params.get("text").value() == long_text);
    BOOST_TEST(params.get("empty").value().empty());
    BOOST_TEST(params.get("nul").value() == with_nul);
    BOOST_TEST(!params.get("tex").has_value()); // names match exactly, not by prefix
    BOOST_TEST(!params.get("missing").has_value());
    BOOST_TEST(
        (params.entries() == entry_list{{"text", long_text}, {"empty", ""}, {"nul", with_nul}}));
}

BOOST_AUTO_TEST_CASE(a_value_set_again_replaces_the_old_one_where_it_stood) {
    launch_params params;
    params.set("a", "1");
    params.set("b", "2");
    params.set("c", "3");
    params.set("b", "a longer value than before");
    params.set("a", "");
    BOOST_TEST((params.entries() ==
                entry_list{{"a", ""}, {"b", "a longer value than before"}, {"c", "3"}}));
}

BOOST_AUTO_TEST_CASE(typed_reads_parse_the_normalized_text) {
    launch_params params;
    params.set("n", "42");
    params.set("x", "0.5");
    params.set("flag", "true");
    params.set("word", "many");
    BOOST_TEST(params.get_int("n").value() == 42);
    BOOST_TEST(params.get_number("x").value() == 0.5);
    BOOST_TEST(params.get_bool("flag").value());
    BOOST_TEST(!params.get_int("word").has_value());
    BOOST_TEST(params.get_or("none", "fallback") == "fallback");
}

BOOST_AUTO_TEST_SUITE_END()
