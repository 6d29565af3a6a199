// The v3 catalog (server/features/v3/*.json) and the generators agree: every provider of every
// async subfeature has a generator, every generator for a provider Eden's v2 API lacks serves a
// catalog provider, the v2 feature table keeps such providers out (v2 clients get 400 for
// them), and what each provider and model generates has exactly the catalog's output fields.

#include "fake_providers/generation.hpp"
#include "fake_providers/registry_build.hpp"
#include "server/features/feature_table.hpp"
#include "tests/unit/fake_providers/v3_features.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace json = boost::json;
using emu::fake::generation_request;
using emu::fake::input_file;
using emu::fake::launch_params;
using emu::testing::catalog_subfeature;
using emu::testing::v3_catalog;

const catalog_subfeature& subfeature(std::string_view path) {
    const auto& catalog = v3_catalog();
    const auto it = std::find_if(
        catalog.begin(), catalog.end(), [&](const auto& sub) { return sub.path == path; });
    BOOST_REQUIRE_MESSAGE(it != catalog.end(), path << " is not in the v3 catalog");
    return *it;
}

bool lists(std::span<const std::string_view> providers, std::string_view provider) {
    return std::find(providers.begin(), providers.end(), provider) != providers.end();
}

bool lists(const std::vector<std::string>& providers, std::string_view provider) {
    return std::find(providers.begin(), providers.end(), provider) != providers.end();
}

// Whether a value has one of the words of a catalog type ("file_input | object").
bool has_type(const json::value& value, std::string_view type) {
    for (std::size_t begin = 0; begin < type.size();) {
        const auto bar = std::min(type.find('|', begin), type.size());
        auto word = type.substr(begin, bar - begin);
        word.remove_prefix(std::min(word.find_first_not_of(' '), word.size()));
        word.remove_suffix(word.size() - std::min(word.find_last_not_of(' ') + 1, word.size()));
        begin = bar + 1;
        if ((word == "string" || word == "file_input" || word == "enum") && value.is_string()) {
            return true;
        }
        if ((word == "int" && (value.is_int64() || value.is_uint64())) ||
            (word == "float" && value.is_number()) || (word == "bool" && value.is_bool()) ||
            (word == "array" && value.is_array()) ||
            ((word == "object" || word == "dict") && value.is_object()) || word == "any") {
            return true;
        }
    }
    return false;
}

void check_fields(const json::array& fields,
                  const json::object& value,
                  const std::string& at,
                  std::vector<std::string>& problems);

// A value against the type of a FIELD or of an array's items (holder).
void check_value(const json::object& holder,
                 const json::value& value,
                 const std::string& at,
                 std::vector<std::string>& problems) {
    const std::string_view type = holder.at("type").as_string();
    if (!has_type(value, type)) {
        problems.push_back(at + ": not a " + std::string{type});
        return;
    }
    if (type == "enum") {
        const auto& allowed = holder.at("enum").as_array();
        if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
            problems.push_back(at + ": " + std::string{value.as_string()} + " is not in the enum");
        }
    }
    if (value.is_object() && holder.contains("fields")) {
        check_fields(holder.at("fields").as_array(), value.as_object(), at, problems);
    }
    if (value.is_array() && holder.contains("items")) {
        const auto& items = holder.at("items").as_object();
        for (std::size_t i = 0; i < value.as_array().size(); ++i) {
            check_value(items, value.as_array()[i], at + "[" + std::to_string(i) + "]", problems);
        }
    }
}

// Required fields present, no field the catalog does not declare, each declared one of its
// type or null: Eden's items keep a key null where the provider gives nothing, required or not
// (Google's table cell indices, Microsoft's line confidences).
void check_fields(const json::array& fields,
                  const json::object& value,
                  const std::string& at,
                  std::vector<std::string>& problems) {
    for (const auto& f : fields) {
        const auto& field = f.as_object();
        const std::string name{field.at("name").as_string()};
        const bool required = field.at("required").as_bool();
        const auto* member = value.if_contains(name);
        if (member == nullptr) {
            if (required) {
                problems.push_back(at + "." + name + ": required, missing");
            }
        } else if (!member->is_null()) {
            check_value(field, *member, at + "." + name, problems);
        }
    }
    for (const auto& member : value) {
        if (std::none_of(fields.begin(), fields.end(), [&](const json::value& f) {
                return f.at("name").as_string() == member.key();
            })) {
            problems.push_back(at + "." + std::string{member.key()} +
                               ": not in the catalog's fields");
        }
    }
}

input_file probed(std::string name, std::string type, std::uint64_t size) {
    input_file file;
    file.name = std::move(name);
    file.content_type = std::move(type);
    file.size = size;
    return file;
}

// A few inputs per subfeature: probed uploads and a file_url.
std::vector<std::optional<input_file>> inputs_of(std::string_view path) {
    input_file url;
    url.from_url = true;
    if (path.starts_with("audio/")) {
        auto wav = probed("meeting.wav", "audio/wav", 384'000);
        wav.duration_ms = 12'000;
        wav.sample_rate = 16'000;
        wav.channels = 1;
        url.name = "call.mp3";
        return {wav, url};
    }
    if (path.starts_with("ocr/")) {
        auto pdf = probed("invoice.pdf", "application/pdf", 48'000);
        pdf.page_count = 3;
        auto png = probed("receipt.png", "image/png", 20'000);
        png.width = 1240;
        png.height = 1754;
        return {pdf, png};
    }
    if (path == "video/generation_async") {
        auto png = probed("first_frame.png", "image/png", 20'000);
        png.width = 720;
        png.height = 1280;
        return {std::nullopt, png};
    }
    auto mp4 = probed("talk.mp4", "video/mp4", 2'000'000);
    mp4.duration_ms = 17'500;
    mp4.width = 1280;
    mp4.height = 720;
    url.name = "clip.mp4";
    return {mp4, url};
}

// v3 inputs as launch_params holds them (the vocabulary as compact JSON text).
launch_params params_of(std::string_view path) {
    launch_params params;
    if (path == "audio/speech_to_text_async") {
        params.set("language", "en");
        params.set("speakers", "3");
        params.set("profanity_filter", "true");
        params.set("vocabulary", R"(["Eden AI","edenmock"])");
    } else if (path == "video/generation_async") {
        params.set("text", "A lighthouse in a storm, slow push-in");
        params.set("duration", "5");
        params.set("dimension", "1920x1080");
        params.set("seed", "7");
    }
    return params;
}

} // namespace

BOOST_AUTO_TEST_SUITE(v3_catalog_data)

BOOST_AUTO_TEST_CASE(the_v3_only_providers_are_in_the_catalog_and_not_in_the_v2_table) {
    struct v3_only {
        std::string_view path;
        std::string_view provider;
    };

    for (const auto& [path, provider] : {v3_only{"audio/speech_to_text_async", "gradium"},
                                         v3_only{"video/generation_async", "pixverse"},
                                         v3_only{"video/generation_async", "pruna"},
                                         v3_only{"video/generation_async", "xai"},
                                         v3_only{"video/deepfake_detection_async", "resemble"}}) {
        BOOST_TEST_CONTEXT(path << " / " << provider) {
            BOOST_TEST(lists(subfeature(path).providers, provider));
            const auto* v2 = emu::features::find_feature(path);
            BOOST_REQUIRE(v2 != nullptr);
            BOOST_TEST(!lists(v2->providers, provider));
        }
    }
}

BOOST_AUTO_TEST_CASE(every_provider_of_every_async_subfeature_has_a_generator) {
    std::size_t async = 0;
    for (const auto& sub : v3_catalog()) {
        if (!sub.async) {
            continue;
        }
        ++async;
        for (const auto& provider : sub.providers) {
            BOOST_TEST(emu::testing::v3_generators().find(sub.path, provider) != nullptr,
                       sub.path << " / " << provider);
        }
    }
    BOOST_TEST(async == 9U); // the nine async subfeatures Eden lists (API-NOTES-v3 §3.4)
}

BOOST_AUTO_TEST_CASE(each_provider_and_model_generates_exactly_the_catalogs_output_fields) {
    std::size_t checked = 0;
    for (const auto& sub : v3_catalog()) {
        if (!sub.async) {
            continue;
        }
        const auto params = params_of(sub.path);
        for (const auto& model_string : sub.models) {
            const auto rest = std::string_view{model_string}.substr(sub.path.size() + 1);
            const auto slash = rest.find('/');
            const auto provider = rest.substr(0, slash);
            const auto model = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
            const auto generator = emu::testing::v3_generators().find(sub.path, provider);
            BOOST_REQUIRE_MESSAGE(generator != nullptr, model_string);
            for (const auto& file : inputs_of(sub.path)) {
                const generation_request request{
                    .feature = sub.path,
                    .provider = provider,
                    .model = model,
                    .job_id = "3f0c6a52-9d1e-4b7a-8c2d-5e6f7a8b9c0d",
                    .seed = 42,
                    .params = params,
                    .file = file ? &*file : nullptr,
                    .resource_url_base = "http://127.0.0.1:8080/_emulator/files/job/provider",
                    .original_response = true};
                std::vector<std::string> problems;
                check_fields(sub.output_fields, generator(request).fields, "output", problems);
                BOOST_TEST_CONTEXT(model_string << " / " << (file ? file->name : "no file")) {
                    for (const auto& problem : problems) {
                        BOOST_ERROR(problem);
                    }
                }
                ++checked;
            }
        }
    }
    BOOST_TEST(checked > 50U);
}

BOOST_AUTO_TEST_CASE(an_output_the_catalog_does_not_describe_is_reported) {
    const auto& sub = subfeature("video/deepfake_detection_async");
    std::vector<std::string> problems;
    const json::object output{
        {"average_score", "high"},
        {"details_per_frame",
         json::array{json::object{{"position", 0.0}, {"score", 0.1}, {"prediction", "fake"}}}},
        {"verdict", "original"}};
    check_fields(sub.output_fields, output, "output", problems);
    std::string all;
    for (const auto& problem : problems) {
        all += problem + "\n";
    }
    BOOST_TEST(all == "output.average_score: not a float\n"
                      "output.prediction: required, missing\n"
                      "output.details_per_frame[0].prediction: fake is not in the enum\n"
                      "output.verdict: not in the catalog's fields\n");
}

BOOST_AUTO_TEST_SUITE_END()
