#include "fake_providers/registry_build.hpp"
#include "fake_providers/web/target_url.hpp"
#include "fake_providers/web/web_generators.hpp"
#include "fake_providers/web/web_text.hpp"
#include "server/features/v3_catalog.hpp"
#include "server/support/text.hpp"
#include "tests/unit/shared/json_schema_validator.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace json = boost::json;
using emu::fake::generated_result;
using emu::fake::generation_request;
using emu::fake::launch_params;
using emu::features::feature_spec;

// The web async subfeatures of the shipped v3 catalog.
class web_catalog {
public:
    web_catalog() {
        for (const auto& spec : emu::features::v3_catalog::shipped().async_specs()) {
            if (spec.path.starts_with("web/")) {
                table_.push_back(spec);
            }
        }
    }

    const std::vector<feature_spec>& table() const { return table_; }

private:
    std::vector<feature_spec> table_;
};

const web_catalog& catalog() {
    static const web_catalog instance;
    return instance;
}

const emu::fake::registry& web_registry() {
    static const emu::fake::registry instance = emu::fake::make_default_registry();
    return instance;
}

// One job's inputs; run() builds the request (which only views them) and calls the generator.
struct job {
    std::string feature;
    std::string provider;
    std::string job_id = "2b0c5a7e-0000-4000-8000-000000000001";
    std::uint64_t seed = 42;
    launch_params params{};
    bool original = true;

    generated_result run() const {
        const auto fn = web_registry().find(feature, provider);
        BOOST_REQUIRE_MESSAGE(fn != nullptr, feature << " / " << provider);
        return fn(generation_request{.feature = feature,
                                     .provider = provider,
                                     .model = "",
                                     .job_id = job_id,
                                     .seed = seed,
                                     .params = params,
                                     .file = nullptr,
                                     .resource_url_base = "http://127.0.0.1:8080/v3/files",
                                     .original_response = original});
    }
};

job job_for(std::string_view feature,
            std::string_view provider,
            std::initializer_list<std::pair<std::string, std::string>> params) {
    job j{.feature = std::string{feature}, .provider = std::string{provider}};
    for (const auto& [name, value] : params) {
        j.params.set(name, value);
    }
    return j;
}

std::vector<std::string_view> providers_of(std::string_view feature) {
    for (const auto& spec : catalog().table()) {
        if (spec.path == feature) {
            return {spec.providers.begin(), spec.providers.end()};
        }
    }
    BOOST_FAIL(feature << " is not an async subfeature of web.json");
    return {};
}

std::string text(const json::value& value) {
    return json::serialize(value);
}

std::string host_of(std::string_view url) {
    const auto target = emu::fake::web::read_target(url);
    BOOST_REQUIRE_MESSAGE(target, url);
    return target->host;
}

const json::array& pages_of(const generated_result& result) {
    return result.fields.at("pages").as_array();
}

// A sample input of each web subfeature, for the checks that every provider shares.
std::vector<job> sample_jobs() {
    std::vector<job> jobs;
    for (const auto provider : providers_of("web/crawl_async")) {
        jobs.push_back(job_for(
            "web/crawl_async", provider, {{"url", "https://docs.acme-robotics.io/guides"}}));
    }
    for (const auto provider : providers_of("web/batch_scrape_async")) {
        jobs.push_back(job_for(
            "web/batch_scrape_async",
            provider,
            {{"urls",
              R"(["https://example.com/pricing","https://down.invalid/","https://blog.example.org/launch"])"}}));
    }
    for (const auto provider : providers_of("web/structured_extraction_async")) {
        jobs.push_back(job_for(
            "web/structured_extraction_async",
            provider,
            {{"urls", R"(["https://shop.example.com/espresso-machines"])"},
             {"prompt", "List the espresso machines with their price"},
             {"schema",
              R"({"type":"object","properties":{"machines":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"price":{"type":"number","minimum":0}},"required":["name","price"]}}},"required":["machines"]})"}}));
    }
    for (const auto provider : providers_of("web/research_async")) {
        jobs.push_back(
            job_for("web/research_async",
                    provider,
                    {{"prompt", "How do heat pumps compare with gas boilers in cold climates?"}}));
    }
    return jobs;
}

} // namespace

BOOST_AUTO_TEST_SUITE(web_generators)

BOOST_AUTO_TEST_CASE(the_families_cover_exactly_the_async_subfeatures_of_the_v3_catalog) {
    std::set<std::string> families;
    for (const auto& family : emu::fake::web_generator_families()) {
        families.insert(std::string{family.feature});
        BOOST_TEST(family.generic != nullptr, family.feature);
    }
    std::set<std::string> catalog_paths;
    for (const auto& spec : catalog().table()) {
        catalog_paths.insert(std::string{spec.path});
    }
    const std::set<std::string> expected{"web/batch_scrape_async",
                                         "web/crawl_async",
                                         "web/research_async",
                                         "web/structured_extraction_async"};
    BOOST_TEST(families == expected);
    BOOST_TEST(catalog_paths == expected);
}

BOOST_AUTO_TEST_CASE(every_catalog_provider_gets_a_generator_and_the_named_ones_their_own) {
    for (const auto& spec : catalog().table()) {
        for (const auto provider : spec.providers) {
            BOOST_TEST(web_registry().find(spec.path, provider) != nullptr,
                       spec.path << " / " << provider);
        }
    }
    BOOST_TEST(web_registry().find("web/crawl_async", "firecrawl") !=
               web_registry().find("web/crawl_async", "tavily"));
    const auto research = providers_of("web/research_async");
    std::set<emu::fake::generator> own;
    for (const auto provider : research) {
        own.insert(web_registry().find("web/research_async", provider));
    }
    BOOST_TEST(own.size() == research.size());
}

BOOST_AUTO_TEST_CASE(the_v2_feature_table_refuses_the_web_families) {
    // The registry checks families against the features it is given: v2 serves no web feature.
    std::string error;
    try {
        emu::fake::build_registry(emu::features::all_features(),
                                  emu::fake::web_generator_families());
    } catch (const std::logic_error& e) {
        error = e.what();
    }
    BOOST_TEST(error.find("\"web/") != std::string::npos, error);
}

BOOST_AUTO_TEST_CASE(the_same_job_gives_the_same_bytes_and_another_seed_other_content) {
    for (const auto& j : sample_jobs()) {
        BOOST_TEST_CONTEXT(j.feature << " / " << j.provider) {
            const auto first = j.run();
            const auto again = j.run();
            BOOST_TEST(text(first.fields) == text(again.fields));
            BOOST_TEST(text(first.original_response) == text(again.original_response));
            BOOST_TEST(!first.original_response.is_null());
            auto reseeded = j;
            reseeded.seed = 43;
            BOOST_TEST(text(reseeded.run().fields) != text(first.fields));
        }
    }
}

BOOST_AUTO_TEST_CASE(results_hold_edens_fields_in_edens_order) {
    const std::map<std::string, std::vector<std::string>> expected{
        {"web/crawl_async", {"pages", "status", "total", "completed", "base_url", "usage"}},
        {"web/batch_scrape_async", {"pages", "failed_results", "usage"}},
        {"web/structured_extraction_async",
         {"data", "sources", "status", "failed_results", "usage"}},
        {"web/research_async",
         {"answer", "data", "sources", "status", "request_id", "created_at", "usage"}}};
    const std::vector<std::string> page_keys{"url",
                                             "content",
                                             "title",
                                             "description",
                                             "status_code",
                                             "links",
                                             "images",
                                             "raw_html",
                                             "summary",
                                             "published_date",
                                             "author",
                                             "favicon"};
    for (const auto& j : sample_jobs()) {
        BOOST_TEST_CONTEXT(j.feature << " / " << j.provider) {
            const auto result = j.run();
            std::vector<std::string> keys;
            for (const auto& field : result.fields) {
                keys.emplace_back(field.key());
            }
            BOOST_TEST(keys == expected.at(j.feature), boost::test_tools::per_element());
            const auto& usage = result.fields.at("usage").as_object();
            BOOST_TEST(usage.at("credits").to_number<std::int64_t>() >= 0);
            if (const auto* pages = result.fields.if_contains("pages")) {
                BOOST_TEST_REQUIRE(!pages->as_array().empty());
                for (const auto& page : pages->as_array()) {
                    std::vector<std::string> got;
                    for (const auto& field : page.as_object()) {
                        got.emplace_back(field.key());
                    }
                    BOOST_TEST(got == page_keys, boost::test_tools::per_element());
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_crawl_finds_pages_below_the_start_url_linked_from_one_another) {
    const std::string start = "https://docs.acme-robotics.io/guides";
    for (const auto provider : providers_of("web/crawl_async")) {
        BOOST_TEST_CONTEXT(provider) {
            const auto result = job_for("web/crawl_async", provider, {{"url", start}}).run();
            const auto& pages = pages_of(result);
            BOOST_TEST_REQUIRE(pages.size() >= 3U);
            BOOST_TEST(result.fields.at("status") == "completed");
            BOOST_TEST(result.fields.at("total").to_number<std::int64_t>() ==
                       static_cast<std::int64_t>(pages.size()));
            BOOST_TEST(result.fields.at("completed") == result.fields.at("total"));
            BOOST_TEST(result.fields.at("base_url").as_string() == start);
            BOOST_TEST(pages.front().at("url").as_string() == start);
            std::set<std::string> urls;
            for (const auto& page : pages) {
                const std::string url{page.at("url").as_string()};
                BOOST_TEST(url.starts_with(start), url);
                BOOST_TEST(urls.insert(url).second, "twice: " << url);
                BOOST_TEST(std::string_view{page.at("content").as_string()}.find(
                               "docs.acme-robotics.io") != std::string_view::npos,
                           url);
            }
            BOOST_TEST(result.fields.at("usage").at("pages").to_number<std::int64_t>() ==
                       static_cast<std::int64_t>(pages.size()));
        }
    }
}

BOOST_AUTO_TEST_CASE(firecrawl_crawls_markdown_with_metadata_and_links_tavily_plain_text) {
    const std::string start = "https://www.example.co.uk";
    const auto firecrawl = job_for("web/crawl_async", "firecrawl", {{"url", start}}).run();
    const auto tavily = job_for("web/crawl_async", "tavily", {{"url", start}}).run();
    // Every Firecrawl page but the first is linked from a page before it.
    std::set<std::string> linked;
    bool first = true;
    for (const auto& page : pages_of(firecrawl)) {
        const std::string url{page.at("url").as_string()};
        BOOST_TEST((first || linked.contains(url)), url);
        first = false;
        BOOST_TEST(std::string_view{page.at("content").as_string()}.starts_with("# "));
        BOOST_TEST(std::string_view{page.at("title").as_string()}.find("Example") !=
                   std::string_view::npos);
        BOOST_TEST(page.at("status_code") == 200);
        BOOST_TEST(page.at("images").as_array().size() == 1U);
        for (const auto& link : page.at("links").as_array()) {
            BOOST_TEST(host_of(link.as_string()) == "www.example.co.uk");
            linked.insert(std::string{link.as_string()});
        }
    }
    BOOST_TEST(pages_of(firecrawl).size() > pages_of(tavily).size());
    for (const auto& page : pages_of(tavily)) {
        BOOST_TEST(page.at("title").is_null());
        BOOST_TEST(page.at("links").is_null());
        BOOST_TEST(!std::string_view{page.at("content").as_string()}.starts_with("#"));
        // Tavily stops one level below the start page.
        const std::string_view path =
            std::string_view{page.at("url").as_string()}.substr(start.size());
        BOOST_TEST(std::count(path.begin(), path.end(), '/') <= 1, path);
    }
    BOOST_TEST(firecrawl.original_response.at("data").as_array().size() ==
               pages_of(firecrawl).size());
    BOOST_TEST(tavily.original_response.at("results").as_array().size() == pages_of(tavily).size());
}

BOOST_AUTO_TEST_CASE(crawls_of_other_sites_find_other_pages) {
    const auto a =
        job_for("web/crawl_async", "firecrawl", {{"url", "https://alpha.example.com"}}).run();
    const auto b =
        job_for("web/crawl_async", "firecrawl", {{"url", "https://beta.example.net"}}).run();
    std::vector<std::string> paths_a;
    std::vector<std::string> paths_b;
    for (const auto& page : pages_of(a)) {
        paths_a.push_back(emu::fake::web::read_target(page.at("url").as_string())->path);
    }
    for (const auto& page : pages_of(b)) {
        paths_b.push_back(emu::fake::web::read_target(page.at("url").as_string())->path);
    }
    BOOST_TEST(paths_a != paths_b);
    BOOST_TEST(
        std::string_view{pages_of(b).front().at("title").as_string()}.starts_with("Example"));
}

BOOST_AUTO_TEST_CASE(a_crawl_of_an_unreachable_url_fails_with_no_pages) {
    const auto result =
        job_for("web/crawl_async", "firecrawl", {{"url", "https://intranet.invalid/"}}).run();
    BOOST_TEST(result.fields.at("status") == "failed");
    BOOST_TEST(pages_of(result).empty());
    BOOST_TEST(result.fields.at("total") == 0);
}

BOOST_AUTO_TEST_CASE(a_batch_scrape_fails_exactly_the_unreachable_urls_in_order) {
    const std::vector<std::string> reachable{
        "https://example.com/pricing", "http://blog.example.org/2024/launch", "example.net/about"};
    const std::vector<std::string> unreachable{"https://shop.invalid/cart",
                                               "ftp://files.example.com/report.pdf",
                                               "https://invalid/",
                                               "mailto:sales@example.com",
                                               "not a url at all"};
    json::array urls;
    for (std::size_t i = 0; i < unreachable.size(); ++i) {
        if (i < reachable.size()) {
            urls.push_back(json::string{reachable[i]});
        }
        urls.push_back(json::string{unreachable[i]});
    }
    const auto result =
        job_for("web/batch_scrape_async", "firecrawl", {{"urls", json::serialize(urls)}}).run();
    std::vector<std::string> scraped;
    for (const auto& page : pages_of(result)) {
        scraped.emplace_back(page.at("url").as_string());
        BOOST_TEST(std::string_view{page.at("content").as_string()}.find(
                       host_of(page.at("url").as_string())) != std::string_view::npos);
    }
    std::vector<std::string> failed;
    for (const auto& failure : result.fields.at("failed_results").as_array()) {
        failed.emplace_back(failure.at("url").as_string());
        BOOST_TEST(!failure.at("error").as_string().empty());
    }
    BOOST_TEST(scraped == reachable, boost::test_tools::per_element());
    BOOST_TEST(failed == unreachable, boost::test_tools::per_element());
    BOOST_TEST(result.fields.at("usage").at("credits") == 3);
    BOOST_TEST(result.original_response.at("errors").at("errors").as_array().size() ==
               unreachable.size());
}

BOOST_AUTO_TEST_CASE(a_page_is_the_same_whether_scraped_or_crawled) {
    const auto scraped =
        job_for("web/batch_scrape_async", "firecrawl", {{"urls", R"(["https://example.com/"])"}})
            .run();
    const auto crawled =
        job_for("web/crawl_async", "firecrawl", {{"url", "https://example.com/"}}).run();
    BOOST_TEST(pages_of(scraped).front().at("title") == pages_of(crawled).front().at("title"));
    BOOST_TEST(pages_of(scraped).front().at("content") == pages_of(crawled).front().at("content"));
}

BOOST_AUTO_TEST_CASE(unreachable_urls_are_told_apart_from_reachable_ones) {
    using emu::fake::web::unreachable_reason;
    BOOST_TEST(!unreachable_reason("https://example.com/a?b=c"));
    BOOST_TEST(!unreachable_reason("example.com:8080/x"));
    BOOST_TEST(!unreachable_reason("http://localhost:3000"));
    BOOST_TEST(unreachable_reason("https://a.b.invalid").value_or("").starts_with("DNS"));
    BOOST_TEST(unreachable_reason("https://INVALID/").value_or("").starts_with("DNS"));
    BOOST_TEST(unreachable_reason("gopher://example.com").value_or("") ==
               "Unsupported URL scheme: gopher");
    BOOST_TEST(unreachable_reason("mailto:a@example.com").value_or("") ==
               "Unsupported URL scheme: mailto");
    BOOST_TEST(unreachable_reason("https://").value_or("").starts_with("Invalid URL"));
}

BOOST_AUTO_TEST_CASE(structured_extraction_data_matches_the_schema_and_cites_the_pages) {
    const std::string schema =
        R"({"type":"object","properties":{"company":{"type":"string"},"founded":{"type":"integer","minimum":1900,"maximum":2025},"products":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"url":{"type":"string","format":"uri"}},"required":["name","url"]},"minItems":1},"contact_email":{"type":"string","format":"email"},"segment":{"enum":["b2b","b2c"]}},"required":["company","founded","products","segment"],"additionalProperties":false})";
    const std::vector<std::string> urls{"https://acme.example.com/about",
                                        "https://acme.example.com/products"};
    for (const auto provider : providers_of("web/structured_extraction_async")) {
        for (const auto* prompt : {"Extract the company profile and its products",
                                   "Quelle entreprise, quels produits ?"}) {
            BOOST_TEST_CONTEXT(provider << " / " << prompt) {
                const auto result =
                    job_for(
                        "web/structured_extraction_async",
                        provider,
                        {{"urls",
                          R"(["https://acme.example.com/about","https://acme.example.com/products","https://old.invalid/"])"},
                         {"prompt", prompt},
                         {"schema", schema}})
                        .run();
                const auto& data = result.fields.at("data");
                const auto violations =
                    emu::testing::json_schema_validator{json::parse(schema)}.violations(data);
                BOOST_TEST(violations.empty(),
                           json::serialize(data) << "\n"
                                                 << emu::testing::lines_of(violations));
                std::vector<std::string> sources;
                for (const auto& source : result.fields.at("sources").as_array()) {
                    sources.emplace_back(source.at("url").as_string());
                }
                BOOST_TEST(sources == urls, boost::test_tools::per_element());
                const auto& failed = result.fields.at("failed_results").as_array();
                BOOST_TEST_REQUIRE(failed.size() == 1U);
                BOOST_TEST(failed.front().at("url") == "https://old.invalid/");
                BOOST_TEST(result.fields.at("status") == "completed");
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(extracted_strings_come_from_the_prompt_when_no_page_can_be_read) {
    const std::string prompt = "Find the opening hours and the street address of each bakery";
    const auto result =
        job_for(
            "web/structured_extraction_async",
            "firecrawl",
            {{"urls", R"(["https://bakery.invalid/"])"},
             {"prompt", prompt},
             {"schema",
              R"({"type":"object","properties":{"bakery":{"type":"string"},"hours":{"type":"string"},"street":{"type":"string"}},"required":["bakery","hours","street"]})"}})
            .run();
    const auto keywords = emu::fake::web::keywords_of(prompt);
    for (const auto& field : result.fields.at("data").as_object()) {
        const auto words = emu::fake::web::keywords_of(field.value().as_string());
        BOOST_TEST(!words.empty(), field.key());
        for (const auto& word : words) {
            BOOST_TEST((std::find(keywords.begin(), keywords.end(), word) != keywords.end()), word);
        }
    }
}

BOOST_AUTO_TEST_CASE(without_a_schema_data_is_a_summary_of_the_prompt) {
    for (const auto& [feature, params] :
         std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>{
             {"web/structured_extraction_async",
              {{"urls", R"(["https://museum.example.org/exhibitions"])"},
               {"prompt", "Summarize the current exhibitions"}}},
             {"web/research_async", {{"prompt", "Summarize the current exhibitions"}}}}) {
        job j{.feature = feature, .provider = "firecrawl"};
        for (const auto& [name, value] : params) {
            j.params.set(name, value);
        }
        const auto result = j.run();
        const auto& data = result.fields.at("data").as_object();
        BOOST_TEST(data.at("title").is_string(), feature);
        BOOST_TEST(data.at("summary").is_string(), feature);
        BOOST_TEST(data.at("key_points").as_array().size() >= 3U, feature);
    }
}

BOOST_AUTO_TEST_CASE(research_answers_the_prompt_from_sources_about_its_words) {
    const std::string prompt = "Which battery chemistries suit grid storage?";
    const auto keywords = emu::fake::web::keywords_of(prompt);
    for (const auto provider : providers_of("web/research_async")) {
        BOOST_TEST_CONTEXT(provider) {
            const auto result = job_for("web/research_async", provider, {{"prompt", prompt}}).run();
            const std::string_view answer = result.fields.at("answer").as_string();
            BOOST_TEST(answer.find("Which battery chemistries suit grid storage") !=
                       std::string_view::npos);
            const auto& sources = result.fields.at("sources").as_array();
            BOOST_TEST_REQUIRE(sources.size() >= 3U);
            for (const auto& source : sources) {
                const std::string url = emu::support::lower(source.at("url").as_string());
                BOOST_TEST(std::any_of(keywords.begin(),
                                       keywords.end(),
                                       [&](const std::string& word) {
                                           return url.find(word) != std::string::npos;
                                       }),
                           url);
                BOOST_TEST(!source.at("title").as_string().empty());
            }
            BOOST_TEST(result.fields.at("status") == "completed");
            BOOST_TEST(result.fields.at("usage").at("pages").to_number<std::int64_t>() ==
                       static_cast<std::int64_t>(sources.size()));
        }
    }
    // Each provider's own character.
    const auto firecrawl = job_for("web/research_async", "firecrawl", {{"prompt", prompt}}).run();
    const auto linkup = job_for("web/research_async", "linkup", {{"prompt", prompt}}).run();
    const auto tavily = job_for("web/research_async", "tavily", {{"prompt", prompt}}).run();
    BOOST_TEST(std::string_view{firecrawl.fields.at("answer").as_string()}.starts_with("# "));
    BOOST_TEST(std::string_view{tavily.fields.at("answer").as_string()}.find("[1]") !=
               std::string_view::npos);
    BOOST_TEST(linkup.fields.at("request_id").is_null());
    BOOST_TEST(linkup.original_response.at("answer") == linkup.fields.at("answer"));
    BOOST_TEST(firecrawl.original_response.at("data").at("finalAnalysis") ==
               firecrawl.fields.at("answer"));
    BOOST_TEST(tavily.original_response.at("request_id") == tavily.fields.at("request_id"));
}

BOOST_AUTO_TEST_CASE(deeper_research_reads_more_of_the_same_sources) {
    for (const auto provider : providers_of("web/research_async")) {
        BOOST_TEST_CONTEXT(provider) {
            const auto shallow =
                job_for("web/research_async",
                        provider,
                        {{"prompt", "History of the Paris metro"}, {"reasoning_depth", "low"}})
                    .run();
            const auto deep =
                job_for("web/research_async",
                        provider,
                        {{"prompt", "History of the Paris metro"}, {"reasoning_depth", "deep"}})
                    .run();
            const auto& few = shallow.fields.at("sources").as_array();
            const auto& many = deep.fields.at("sources").as_array();
            BOOST_TEST_REQUIRE(many.size() > few.size());
            for (std::size_t i = 0; i < few.size(); ++i) {
                BOOST_TEST(few[i].at("url") == many[i].at("url"));
            }
            BOOST_TEST(deep.fields.at("usage").at("credits").to_number<std::int64_t>() >
                       shallow.fields.at("usage").at("credits").to_number<std::int64_t>());
        }
    }
}

BOOST_AUTO_TEST_CASE(research_data_matches_the_schema_for_every_provider) {
    const std::string schema =
        R"({"$defs":{"Option":{"type":"object","properties":{"chemistry":{"type":"string"},"cycle_life":{"type":"integer","minimum":500,"maximum":20000},"cost_per_kwh":{"type":"number","exclusiveMinimum":0},"sources":{"type":"array","items":{"type":"string","format":"uri"},"minItems":1}},"required":["chemistry","cycle_life","cost_per_kwh","sources"]}},"type":"object","properties":{"options":{"type":"array","items":{"$ref":"#/$defs/Option"},"minItems":2,"maxItems":4},"verdict":{"anyOf":[{"type":"string","maxLength":80},{"type":"null"}]},"as_of":{"type":"string","format":"date"}},"required":["options","verdict","as_of"]})";
    for (const auto provider : providers_of("web/research_async")) {
        for (const auto* depth : {"low", "medium", "high"}) {
            BOOST_TEST_CONTEXT(provider << " / " << depth) {
                const auto result =
                    job_for("web/research_async",
                            provider,
                            {{"prompt", "Compare battery chemistries for grid storage"},
                             {"schema", schema},
                             {"reasoning_depth", depth}})
                        .run();
                const auto& data = result.fields.at("data");
                const auto violations =
                    emu::testing::json_schema_validator{json::parse(schema)}.violations(data);
                BOOST_TEST(violations.empty(),
                           json::serialize(data) << "\n"
                                                 << emu::testing::lines_of(violations));
                // The URLs in the data are among the sources.
                std::set<std::string> sources;
                for (const auto& source : result.fields.at("sources").as_array()) {
                    sources.insert(std::string{source.at("url").as_string()});
                }
                for (const auto& option : data.at("options").as_array()) {
                    for (const auto& url : option.at("sources").as_array()) {
                        BOOST_TEST(sources.contains(std::string{url.as_string()}), url);
                    }
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(structured_data_follows_the_input_not_the_job) {
    auto j = job_for(
        "web/research_async",
        "linkup",
        {{"prompt", "Best hiking trails in the Alps"},
         {"schema",
          R"({"type":"object","properties":{"trail":{"type":"string"},"length_km":{"type":"number"}},"required":["trail","length_km"]})"}});
    const auto first = j.run();
    j.job_id = "2b0c5a7e-0000-4000-8000-000000000002";
    BOOST_TEST(text(j.run().fields.at("data")) == text(first.fields.at("data")));
    j.params.set("prompt", "Best cycling routes in Provence");
    BOOST_TEST(text(j.run().fields.at("data")) != text(first.fields.at("data")));
}

BOOST_AUTO_TEST_SUITE_END()
