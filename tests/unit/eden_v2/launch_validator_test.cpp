// launch_validator: what validate_launch keeps of a good launch and what each bad field gets
// (400 in Eden's format, every bad field at once); launch_form: how parse_launch_body reads
// JSON, multipart and urlencoded bodies, and what a malformed or unsupported body gets.
#include "server/eden_v2/launch_form.hpp"
#include "server/eden_v2/launch_validator.hpp"
#include "server/features/feature_table.hpp"
#include "server/net/api_error.hpp"
#include "server/support/text.hpp"
#include "server/wire/json_writer.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace json = boost::json;
namespace eden = emu::eden_v2;
namespace features = emu::features;
namespace json_text = emu::json_text;
using emu::net::api_error;

const features::feature_spec& feature(std::string_view path) {
    const auto* spec = features::find_feature(path);
    BOOST_TEST_REQUIRE(spec != nullptr, path);
    return *spec;
}

const features::feature_spec& stt() {
    return feature("audio/speech_to_text_async");
}

const features::feature_spec& tts() {
    return feature("audio/text_to_speech_async");
}

eden::launch_form json_form(std::string_view body) {
    return eden::parse_launch_body("application/json", body);
}

eden::launch_form json_form(json::object fields) {
    eden::launch_form form;
    form.json_body = true;
    form.fields = std::move(fields);
    return form;
}

eden::launch_form url_form(std::string_view body) {
    return eden::parse_launch_body("application/x-www-form-urlencoded", body);
}

// One multipart part: a field when filename is empty, else a file.
struct part {
    std::string name;
    std::string value;
    std::string filename;
    std::string content_type;
};

std::string multipart_body(const std::vector<part>& parts) {
    std::string body;
    for (const auto& p : parts) {
        body += "--XyZ\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
        if (!p.filename.empty()) {
            body += "; filename=\"" + p.filename + "\"";
        }
        body += "\r\n";
        if (!p.content_type.empty()) {
            body += "Content-Type: " + p.content_type + "\r\n";
        }
        body += "\r\n" + p.value + "\r\n";
    }
    return body + "--XyZ--\r\n";
}

// The form's file bytes point into the body: the caller keeps `body` alive.
eden::launch_form multipart_form(const std::string& body) {
    return eden::parse_launch_body("multipart/form-data; boundary=XyZ", body);
}

// The api_error the call throws; fails the test when it throws none.
template <typename Call>
api_error thrown_by(Call call) {
    try {
        call();
    } catch (const api_error& error) {
        return error;
    }
    BOOST_FAIL("no api_error was thrown");
    return api_error{0, {}};
}

// The per-field messages of a rejected launch, after checking the 400's envelope.
json::object errors_of(const features::feature_spec& spec, const eden::launch_form& form) {
    const auto error = thrown_by([&] { eden::validate_launch(spec, form); });
    BOOST_TEST(error.status() == 400u);
    const auto& body = error.body().as_object();
    BOOST_TEST_REQUIRE(body.size() == 1u, json::serialize(body));
    BOOST_TEST(body.at("error").at("type").as_string() == "Invalid request");
    BOOST_TEST_REQUIRE(body.at("error").at("message").is_object());
    return body.at("error").at("message").as_object();
}

// The messages under one field, in order; empty when the field has none.
std::vector<std::string> messages(const json::object& errors, std::string_view field) {
    std::vector<std::string> out;
    if (const auto* list = errors.if_contains(field)) {
        for (const auto& message : list->as_array()) {
            out.emplace_back(message.as_string());
        }
    }
    return out;
}

using message_list = std::vector<std::string>;

std::vector<std::string> keys_of(const json::object& object) {
    std::vector<std::string> keys;
    for (const auto& entry : object) {
        keys.emplace_back(entry.key());
    }
    return keys;
}

// The launch validate_launch accepts; fails the test, showing the errors, when it rejects it.
eden::validated_launch accepted(const features::feature_spec& spec, const eden::launch_form& form) {
    try {
        return eden::validate_launch(spec, form);
    } catch (const api_error& error) {
        BOOST_FAIL("the launch was rejected: " + json::serialize(error.body()));
    }
    return {};
}

// The stored text of a parameter, or "<absent>".
std::string param(const eden::validated_launch& launch, std::string_view name) {
    return std::string{launch.input->params.get_or(name, "<absent>")};
}

// A launch that satisfies every requirement of the feature table's entry: each required
// parameter gets a valid value, and an input file is given by URL when the feature reads one.
json::object minimal_fields(const features::feature_spec& spec) {
    json::object fields;
    for (const auto& p : spec.params) {
        if (!p.required) {
            continue;
        }
        switch (p.type) {
        case features::param_type::choice:
            fields[p.name] = p.choices.front();
            break;
        case features::param_type::integer:
        case features::param_type::number:
            fields[p.name] = p.minimum.value_or(1.0);
            break;
        case features::param_type::boolean:
            fields[p.name] = true;
            break;
        case features::param_type::json:
            fields[p.name] = json::object{};
            break;
        case features::param_type::string:
            fields[p.name] = "x";
            break;
        }
    }
    if (spec.input != features::input_need::none) {
        fields["file_url"] = "https://files.test/input";
    }
    return fields;
}

// Speech-to-text fields with a valid provider and input, plus `extra`.
json::object stt_fields(json::object extra) {
    json::object fields{{"providers", "amazon"}, {"file_url", "https://files.test/a.wav"}};
    for (auto& entry : extra) {
        fields[entry.key()] = entry.value();
    }
    return fields;
}

// Text-to-speech fields with a valid provider and text, plus `extra`.
json::object tts_fields(json::object extra) {
    json::object fields{{"providers", "amazon"}, {"text", "hello"}};
    for (auto& entry : extra) {
        fields[entry.key()] = entry.value();
    }
    return fields;
}

} // namespace

BOOST_AUTO_TEST_SUITE(launch_validator)

BOOST_AUTO_TEST_CASE(every_feature_accepts_each_of_its_providers_and_all_of_them_together) {
    for (const auto& spec : features::all_features()) {
        BOOST_TEST_CONTEXT(spec.path) {
            for (const auto provider : spec.providers) {
                BOOST_TEST_CONTEXT(provider) {
                    auto fields = minimal_fields(spec);
                    fields["providers"] = provider;
                    const auto launch = accepted(spec, json_form(std::move(fields)));
                    BOOST_TEST_REQUIRE(launch.providers.size() == 1u);
                    BOOST_TEST(launch.providers[0].name == provider);
                    BOOST_TEST(launch.providers[0].model.empty());
                }
            }
            auto fields = minimal_fields(spec);
            fields["providers"] = emu::support::join(spec.providers, ",");
            const auto launch = accepted(spec, json_form(std::move(fields)));
            BOOST_TEST_REQUIRE(launch.providers.size() == spec.providers.size());
            for (std::size_t i = 0; i < spec.providers.size(); ++i) {
                BOOST_TEST(launch.providers[i].name == spec.providers[i]);
                // The name points into the feature table, which outlives every job.
                BOOST_TEST(launch.providers[i].name.data() == spec.providers[i].data());
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(providers_are_read_from_each_accepted_form) {
    const auto& spec = stt();
    const std::vector<std::pair<std::string, eden::launch_form>> forms{
        {"comma list", json_form(stt_fields({{"providers", " amazon , google "}}))},
        {"JSON list", json_form(stt_fields({{"providers", json::array{"amazon", "google"}}}))},
        {"JSON list text", json_form(stt_fields({{"providers", R"(["amazon", "google"])"}}))},
        {"Python list text", json_form(stt_fields({{"providers", "['amazon', 'google']"}}))},
        {"list of comma lists",
         json_form(stt_fields({{"providers", json::array{"amazon,google"}}}))},
        {"repeated form value",
         url_form("providers=amazon&providers=google&file_url=https%3A%2F%2Ff.test%2Fa.wav")},
    };
    for (const auto& [label, form] : forms) {
        BOOST_TEST_CONTEXT(label) {
            const auto launch = accepted(spec, form);
            BOOST_TEST_REQUIRE(launch.providers.size() == 2u);
            BOOST_TEST(launch.providers[0].name == "amazon");
            BOOST_TEST(launch.providers[1].name == "google");
        }
    }
}

BOOST_AUTO_TEST_CASE(a_provider_may_name_a_model_after_a_slash) {
    const auto launch =
        accepted(stt(), json_form(stt_fields({{"providers", "amazon/enhanced, google / latest"}})));
    BOOST_TEST_REQUIRE(launch.providers.size() == 2u);
    BOOST_TEST(launch.providers[0].name == "amazon");
    BOOST_TEST(launch.providers[0].model == "enhanced");
    BOOST_TEST(launch.providers[1].name == "google");
    BOOST_TEST(launch.providers[1].model == "latest");
}

BOOST_AUTO_TEST_CASE(missing_providers_is_required_and_the_only_error) {
    const auto e = errors_of(stt(), json_form(R"({"file_url": "https://files.test/a.wav"})"));
    BOOST_TEST(messages(e, "providers") == message_list{"This field is required."});
    BOOST_TEST(e.size() == 1u);
}

BOOST_AUTO_TEST_CASE(empty_providers_may_not_be_blank) {
    for (const auto* value : {R"("")", R"(" , ")", R"([])", R"("[]")", R"([""])"}) {
        BOOST_TEST_CONTEXT(value) {
            auto fields = stt_fields({});
            fields["providers"] = json::parse(value);
            const auto e = errors_of(stt(), json_form(std::move(fields)));
            BOOST_TEST(messages(e, "providers") == message_list{"This field may not be blank."});
        }
    }
}

BOOST_AUTO_TEST_CASE(providers_that_are_neither_text_nor_a_list_of_text_are_rejected) {
    for (const auto* value : {"5", "true", R"({"amazon": 1})", R"(["amazon", 5])"}) {
        BOOST_TEST_CONTEXT(value) {
            auto fields = stt_fields({});
            fields["providers"] = json::parse(value);
            const auto e = errors_of(stt(), json_form(std::move(fields)));
            BOOST_TEST(
                messages(e, "providers") ==
                message_list{"Expected a comma-separated string or a list of provider names."});
        }
    }
}

BOOST_AUTO_TEST_CASE(each_unknown_provider_gets_a_message_naming_the_allowed_ones) {
    for (const auto& spec : features::all_features()) {
        BOOST_TEST_CONTEXT(spec.path) {
            auto fields = minimal_fields(spec);
            fields["providers"] = std::string{spec.providers.front()} + ",nope,zzz/model";
            const auto e = errors_of(spec, json_form(std::move(fields)));
            const std::string tail =
                " is not a valid provider for " + std::string{spec.path} +
                ". Allowed providers: " + emu::support::join(spec.providers, ", ") + ".";
            BOOST_TEST(messages(e, "providers") ==
                       (message_list{"\"nope\"" + tail, "\"zzz\"" + tail}));
            BOOST_TEST(e.size() == 1u);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_provider_listed_twice_is_rejected_even_with_another_model) {
    for (const auto* providers : {"amazon,amazon", "amazon,google,amazon/v2"}) {
        BOOST_TEST_CONTEXT(providers) {
            const auto e = errors_of(stt(), json_form(stt_fields({{"providers", providers}})));
            BOOST_TEST(messages(e, "providers") ==
                       message_list{"Provider \"amazon\" is listed more than once."});
        }
    }
}

BOOST_AUTO_TEST_CASE(provider_names_are_case_sensitive) {
    const auto e = errors_of(stt(), json_form(stt_fields({{"providers", "Amazon"}})));
    BOOST_TEST_REQUIRE(messages(e, "providers").size() == 1u);
    BOOST_TEST(messages(e, "providers")[0].starts_with("\"Amazon\" is not a valid provider"));
}

BOOST_AUTO_TEST_CASE(integers_are_coerced_from_numbers_and_form_text) {
    const std::vector<std::pair<json::value, std::string>> good{
        {12, "12"},
        {-3, "-3"},
        {12.0, "12"},
        {"12", "12"},
        {" 12 ", "12"},
        {"12.0", "12"},
        {"+7", "7"},
    };
    for (const auto& [value, stored] : good) {
        BOOST_TEST_CONTEXT(json::serialize(value)) {
            const auto launch = accepted(stt(), json_form(stt_fields({{"speakers", value}})));
            BOOST_TEST(param(launch, "speakers") == stored);
        }
    }
    for (const auto* bad : {R"("12.5")", "12.5", R"("twelve")", R"("")", "true", R"([1])"}) {
        BOOST_TEST_CONTEXT(bad) {
            const auto e =
                errors_of(stt(), json_form(stt_fields({{"speakers", json::parse(bad)}})));
            BOOST_TEST(messages(e, "speakers") == message_list{"A valid integer is required."});
        }
    }
    // A form field is text: the same coercion applies.
    const auto launch =
        accepted(stt(), url_form("providers=amazon&file_url=https://f.test/a.wav&speakers=4"));
    BOOST_TEST(param(launch, "speakers") == "4");
}

BOOST_AUTO_TEST_CASE(integers_are_held_to_the_feature_tables_bounds) {
    const auto& spec = tts();
    // The bounds themselves are allowed.
    const auto launch = accepted(
        spec,
        json_form(tts_fields(
            {{"rate", -100}, {"pitch", 100}, {"volume", "0"}, {"sampling_rate", 200000}})));
    BOOST_TEST(param(launch, "rate") == "-100");
    BOOST_TEST(param(launch, "pitch") == "100");
    BOOST_TEST(param(launch, "volume") == "0");
    BOOST_TEST(param(launch, "sampling_rate") == "200000");
    const auto e = errors_of(
        spec, json_form(tts_fields({{"rate", 101}, {"pitch", "-101"}, {"sampling_rate", -1}})));
    BOOST_TEST(messages(e, "rate") ==
               message_list{"Ensure this value is less than or equal to 100."});
    BOOST_TEST(messages(e, "pitch") ==
               message_list{"Ensure this value is greater than or equal to -100."});
    BOOST_TEST(messages(e, "sampling_rate") ==
               message_list{"Ensure this value is greater than or equal to 0."});
    const auto generation =
        errors_of(feature("video/generation_async"),
                  json_form(R"({"providers": "amazon", "text": "a cat", "duration": 0})"));
    BOOST_TEST(messages(generation, "duration") ==
               message_list{"Ensure this value is greater than or equal to 1."});
}

const char* const qa_base =
    R"({"providers": "google", "file_url": "https://f.test/a.mp4", "text": "q", )";

BOOST_AUTO_TEST_CASE(numbers_accept_integers_decimals_and_text_within_bounds) {
    const auto& qa = feature("video/question_answer_async");
    for (const auto* value : {"0.25", "1", "0", R"(" 0.5 ")", R"("+1")"}) {
        BOOST_TEST_CONTEXT(value) {
            const auto launch =
                accepted(qa, json_form(std::string{qa_base} + R"("temperature": )" + value + "}"));
            BOOST_TEST(param(launch, "temperature") != "<absent>");
        }
    }
    const std::vector<std::pair<std::string, std::string>> bad{
        {R"("warm")", "A valid number is required."},
        {"true", "A valid number is required."},
        {R"("nan")", "A valid number is required."},
        {"1.5", "Ensure this value is less than or equal to 1."},
        {"-0.1", "Ensure this value is greater than or equal to 0."},
    };
    for (const auto& [value, message] : bad) {
        BOOST_TEST_CONTEXT(value) {
            const auto e =
                errors_of(qa, json_form(std::string{qa_base} + R"("temperature": )" + value + "}"));
            BOOST_TEST(messages(e, "temperature") == message_list{message});
        }
    }
    const auto e = errors_of(qa, json_form(std::string{qa_base} + R"("max_tokens": 3000001})"));
    BOOST_TEST(messages(e, "max_tokens") ==
               message_list{"Ensure this value is less than or equal to 3000000."});
}

// Numbers are stored as decimal text (not as "[0.25]", which json::value{x} would give: the
// braces pick the initializer-list constructor), so the generators read what the client sent.
BOOST_AUTO_TEST_CASE(numbers_are_stored_as_decimal_text_the_generators_can_read) {
    const auto& qa = feature("video/question_answer_async");
    const std::vector<std::pair<std::string, std::string>> good{
        {"0.25", "0.25"}, {"1", "1.0"}, {"0", "0.0"}, {R"(" 0.5 ")", "0.5"}, {R"("+1")", "1.0"}};
    for (const auto& [value, stored] : good) {
        BOOST_TEST_CONTEXT(value) {
            const auto launch =
                accepted(qa, json_form(std::string{qa_base} + R"("temperature": )" + value + "}"));
            BOOST_TEST(param(launch, "temperature") == stored);
        }
    }
    const auto launch = accepted(qa, json_form(std::string{qa_base} + R"("temperature": 0.25})"));
    BOOST_TEST(launch.input->params.get_number("temperature").value_or(-1.0) == 0.25);
}

BOOST_AUTO_TEST_CASE(booleans_accept_drf_spellings) {
    const std::vector<std::pair<json::value, std::string>> good{
        {true, "true"},     {false, "false"}, {1, "true"},        {0, "false"},
        {"true", "true"},   {"True", "true"}, {"TRUE", "true"},   {"t", "true"},
        {"T", "true"},      {"yes", "true"},  {"Yes", "true"},    {"YES", "true"},
        {"y", "true"},      {"Y", "true"},    {"on", "true"},     {"On", "true"},
        {"ON", "true"},     {"1", "true"},    {"false", "false"}, {"False", "false"},
        {"FALSE", "false"}, {"f", "false"},   {"F", "false"},     {"no", "false"},
        {"No", "false"},    {"NO", "false"},  {"n", "false"},     {"N", "false"},
        {"off", "false"},   {"Off", "false"}, {"OFF", "false"},   {"0", "false"},
        {" yes ", "true"},  {1.0, "true"},    {0.0, "false"}, // Python's 1.0 == 1
    };
    for (const auto& [value, stored] : good) {
        BOOST_TEST_CONTEXT(json::serialize(value)) {
            const auto launch =
                accepted(stt(), json_form(stt_fields({{"profanity_filter", value}})));
            BOOST_TEST(param(launch, "profanity_filter") == stored);
        }
    }
    for (const auto* bad : {R"("maybe")", R"("")", "2", "0.5", R"("tRuE")", R"([true])"}) {
        BOOST_TEST_CONTEXT(bad) {
            const auto e =
                errors_of(stt(), json_form(stt_fields({{"profanity_filter", json::parse(bad)}})));
            BOOST_TEST(messages(e, "profanity_filter") == message_list{"Must be a valid boolean."});
        }
    }
}

BOOST_AUTO_TEST_CASE(choices_accept_only_the_listed_values) {
    for (const auto* option : {"FEMALE", "MALE", ""}) {
        BOOST_TEST_CONTEXT(option) {
            const auto launch = accepted(tts(), json_form(tts_fields({{"option", option}})));
            BOOST_TEST(param(launch, "option") == option);
        }
    }
    const std::vector<std::pair<std::string, std::string>> bad{
        {R"("CHILD")", R"("CHILD" is not a valid choice.)"},
        {R"("male")", R"("male" is not a valid choice.)"},
        {"5", R"("5" is not a valid choice.)"},
        {"true", R"("true" is not a valid choice.)"},
    };
    for (const auto& [value, message] : bad) {
        BOOST_TEST_CONTEXT(value) {
            const auto e =
                errors_of(tts(), json_form(tts_fields({{"option", json::parse(value)}})));
            BOOST_TEST(messages(e, "option") == message_list{message});
        }
    }
}

BOOST_AUTO_TEST_CASE(json_params_take_an_object_or_text_holding_one_and_store_it_compact) {
    const std::vector<std::pair<json::value, std::string>> good{
        {json::object{{"model", "nova"}, {"n", 2}}, R"({"model":"nova","n":2})"},
        {R"( { "model" : "nova", "n" : [1, 2] } )", R"({"model":"nova","n":[1,2]})"},
        {"", "{}"},
        {"  ", "{}"},
    };
    for (const auto& [value, stored] : good) {
        BOOST_TEST_CONTEXT(json::serialize(value)) {
            const auto launch =
                accepted(stt(), json_form(stt_fields({{"provider_params", value}})));
            BOOST_TEST(param(launch, "provider_params") == stored);
        }
    }
    for (const auto* bad : {R"("{broken")", R"("[1, 2]")", "[1, 2]", "5", R"("5")", "true"}) {
        BOOST_TEST_CONTEXT(bad) {
            const auto e =
                errors_of(stt(), json_form(stt_fields({{"provider_params", json::parse(bad)}})));
            BOOST_TEST(messages(e, "provider_params") == message_list{"Value must be valid JSON."});
        }
    }
}

BOOST_AUTO_TEST_CASE(strings_take_text_or_numbers_within_their_length_limits) {
    auto launch = accepted(stt(), json_form(stt_fields({{"language", 5}})));
    BOOST_TEST(param(launch, "language") == "5");
    launch = accepted(stt(), json_form(stt_fields({{"language", ""}}))); // no minimum length
    BOOST_TEST(param(launch, "language") == "");
    const auto e = errors_of(stt(), json_form(stt_fields({{"language", true}})));
    BOOST_TEST(messages(e, "language") == message_list{"Not a valid string."});

    const auto& ocr = feature("ocr/ocr_async");
    const json::object ocr_base{{"providers", "amazon"}, {"file_url", "https://f.test/a.pdf"}};
    auto fields = ocr_base;
    fields["file_password"] = std::string(200, 'p');
    BOOST_TEST(param(accepted(ocr, json_form(fields)), "file_password") == std::string(200, 'p'));
    fields["file_password"] = std::string(201, 'p');
    BOOST_TEST(messages(errors_of(ocr, json_form(fields)), "file_password") ==
               message_list{"Ensure this field has no more than 200 characters."});

    const auto& train = feature("image/automl_classification/train_async");
    const json::object train_base{{"providers", "nyckel"}};
    fields = train_base;
    fields["project_id"] = std::string(250, 'i');
    BOOST_TEST(param(accepted(train, json_form(fields)), "project_id") == std::string(250, 'i'));
    fields["project_id"] = std::string(251, 'i');
    BOOST_TEST(messages(errors_of(train, json_form(fields)), "project_id") ==
               message_list{"Ensure this field has no more than 250 characters."});
    fields["project_id"] = "";
    BOOST_TEST(messages(errors_of(train, json_form(fields)), "project_id") ==
               message_list{"This field may not be blank."});
}

// Length limits count characters, as the message and Django REST Framework do: 150 "é" are 150
// characters (300 bytes) and within a 200-character limit.
BOOST_AUTO_TEST_CASE(string_length_limits_count_characters_not_bytes) {
    std::string password;
    for (int i = 0; i < 150; ++i) {
        password += "\xc3\xa9"; // é
    }
    const auto& ocr = feature("ocr/ocr_async");
    const json::object fields{
        {"providers", "amazon"}, {"file_url", "https://f.test/a.pdf"}, {"file_password", password}};
    BOOST_CHECK_NO_THROW(eden::validate_launch(ocr, json_form(fields)));
}

BOOST_AUTO_TEST_CASE(required_params_are_reported_together) {
    const auto& upload = feature("image/automl_classification/upload_data_async");
    const auto e = errors_of(
        upload, json_form(R"({"providers": "nyckel", "file_url": "https://f.test/a.png"})"));
    BOOST_TEST(keys_of(e) == (message_list{"project_id", "label", "type_of_data"}));
    for (const auto* field : {"project_id", "label", "type_of_data"}) {
        BOOST_TEST_CONTEXT(field) {
            BOOST_TEST(messages(e, field) == message_list{"This field is required."});
        }
    }
    const auto tts_missing = errors_of(tts(), json_form(R"({"providers": "amazon"})"));
    BOOST_TEST(messages(tts_missing, "text") == message_list{"This field is required."});
    const auto tts_blank = errors_of(tts(), json_form(R"({"providers": "amazon", "text": ""})"));
    BOOST_TEST(messages(tts_blank, "text") == message_list{"This field may not be blank."});
}

// DRF's CharField trims whitespace before it checks blankness and length, and keeps the trimmed
// text; a URLField is a CharField, so a blank file_url is blank, not an invalid URL.
BOOST_AUTO_TEST_CASE(strings_are_trimmed_before_they_are_checked) {
    const auto tts_spaces =
        errors_of(tts(), json_form(R"({"providers": "amazon", "text": " \t\n "})"));
    BOOST_TEST(messages(tts_spaces, "text") == message_list{"This field may not be blank."});
    const auto launch =
        accepted(tts(), json_form(R"({"providers": "amazon", "text": "  hello  "})"));
    BOOST_TEST(param(launch, "text") == "hello");
    for (const auto* blank : {R"("")", R"("   ")"}) {
        BOOST_TEST_CONTEXT(blank) {
            const auto e = errors_of(
                stt(),
                json_form(R"({"providers": "amazon", "file_url": )" + std::string{blank} + "}"));
            BOOST_TEST(messages(e, "file_url") == message_list{"This field may not be blank."});
        }
    }
}

BOOST_AUTO_TEST_CASE(null_is_accepted_only_for_nullable_params_and_not_stored) {
    const auto launch = accepted(stt(), json_form(stt_fields({{"speakers", nullptr}})));
    BOOST_TEST(param(launch, "speakers") == "<absent>");
    const auto e =
        errors_of(feature("video/generation_async"),
                  json_form(R"({"providers": "amazon", "text": null, "duration": null})"));
    BOOST_TEST(messages(e, "text") == message_list{"This field may not be null."});
    BOOST_TEST(messages(e, "duration") == message_list{"This field may not be null."});
}

// As Django REST Framework's Field.get_value reads forms, an empty form value ("speakers=" in
// multipart or urlencoded bodies) is null for a nullable field and absent for an optional one.
BOOST_AUTO_TEST_CASE(an_empty_form_value_of_an_optional_param_counts_as_absent) {
    BOOST_CHECK_NO_THROW(eden::validate_launch(
        stt(), url_form("providers=amazon&file_url=https://f.test/a.wav&speakers=")));
    BOOST_CHECK_NO_THROW(eden::validate_launch(feature("video/generation_async"),
                                               url_form("providers=amazon&text=cat&duration=")));
}

BOOST_AUTO_TEST_CASE(unknown_fields_are_ignored) {
    const auto launch =
        accepted(stt(), json_form(stt_fields({{"colour", "blue"}, {"rate", "not a number"}})));
    BOOST_TEST(param(launch, "colour") == "<absent>");
    BOOST_TEST(param(launch, "rate") == "<absent>"); // a text-to-speech param
}

BOOST_AUTO_TEST_CASE(a_feature_that_requires_input_needs_a_file_or_a_file_url) {
    for (const auto& spec : features::all_features()) {
        if (spec.input != features::input_need::required) {
            continue;
        }
        BOOST_TEST_CONTEXT(spec.path) {
            auto fields = minimal_fields(spec);
            fields.erase("file_url");
            fields["providers"] = spec.providers.front();
            auto e = errors_of(spec, json_form(fields));
            BOOST_TEST(messages(e, "file") ==
                       message_list{"Please provide either a file or a file_url."});
            BOOST_TEST(e.size() == 1u);
            fields["file_url"] = nullptr;
            e = errors_of(spec, json_form(fields));
            BOOST_TEST(messages(e, "file") ==
                       message_list{"Please provide either a file or a file_url."});
        }
    }
}

BOOST_AUTO_TEST_CASE(optional_input_may_be_left_out_and_no_input_is_never_read) {
    const auto generation = accepted(feature("video/generation_async"),
                                     json_form(R"({"providers": "amazon", "text": "a cat"})"));
    BOOST_TEST(!generation.input->file);
    // Text-to-speech reads no file: even a bad file_url is not looked at.
    const auto speech = accepted(tts(), json_form(tts_fields({{"file_url", "not a url"}})));
    BOOST_TEST(!speech.input->file);
    BOOST_TEST(param(speech, "file_url") == "<absent>");
}

BOOST_AUTO_TEST_CASE(file_url_must_be_an_http_or_https_url_and_is_kept_trimmed) {
    for (const auto* url : {"http://f.test/a.wav", " https://f.test/dir/b.wav?x=1 "}) {
        BOOST_TEST_CONTEXT(url) {
            const auto launch = accepted(stt(), json_form(stt_fields({{"file_url", url}})));
            BOOST_TEST(param(launch, "file_url") == emu::support::trim(url));
            BOOST_TEST_REQUIRE(launch.input->file.has_value());
            BOOST_TEST(launch.input->file->from_url);
        }
    }
    for (const auto* bad :
         {R"("ftp://f.test/a.wav")", R"("not a url")", R"("https://")", R"("/a.wav")", "5"}) {
        BOOST_TEST_CONTEXT(bad) {
            const auto e =
                errors_of(stt(), json_form(stt_fields({{"file_url", json::parse(bad)}})));
            BOOST_TEST(messages(e, "file_url") == message_list{"Enter a valid URL."});
            BOOST_TEST(e.size() == 1u); // the missing input is not reported besides
        }
    }
}

BOOST_AUTO_TEST_CASE(an_uploaded_file_is_probed_and_its_bytes_are_not_kept) {
    const auto body = multipart_body(
        {{"providers", "amazon", "", ""}, {"file", "RIFF-not-really", "talk.wav", "audio/wav"}});
    const auto launch = accepted(stt(), multipart_form(body));
    BOOST_TEST_REQUIRE(launch.input->file.has_value());
    BOOST_TEST(launch.input->file->name == "talk.wav");
    BOOST_TEST(launch.input->file->content_type == "audio/wav");
    BOOST_TEST(launch.input->file->size == std::string_view{"RIFF-not-really"}.size());
    BOOST_TEST(!launch.input->file->from_url);
    BOOST_TEST(param(launch, "file_url") == "<absent>");
}

BOOST_AUTO_TEST_CASE(an_uploaded_file_wins_over_file_url_which_is_still_kept) {
    const auto body = multipart_body({{"providers", "amazon", "", ""},
                                      {"file_url", "https://f.test/other.wav", "", ""},
                                      {"file", "bytes", "talk.wav", "audio/wav"}});
    const auto launch = accepted(stt(), multipart_form(body));
    BOOST_TEST_REQUIRE(launch.input->file.has_value());
    BOOST_TEST(launch.input->file->name == "talk.wav");
    BOOST_TEST(param(launch, "file_url") == "https://f.test/other.wav");
}

BOOST_AUTO_TEST_CASE(uploaded_files_must_have_an_allowed_extension) {
    const auto& labels = feature("video/label_detection_async");
    for (const auto* name : {"clip.mp4", "CLIP.MOV", "a.b.avi"}) {
        BOOST_TEST_CONTEXT(name) {
            const auto body =
                multipart_body({{"providers", "google", "", ""}, {"file", "v", name, ""}});
            BOOST_TEST(accepted(labels, multipart_form(body)).input->file->name == name);
        }
    }
    const std::vector<std::pair<std::string, std::string>> bad{
        {"notes.txt", "txt"}, {"clip.mp4.exe", "exe"}, {"clip", ""}};
    for (const auto& [name, ext] : bad) {
        BOOST_TEST_CONTEXT(name) {
            const auto body =
                multipart_body({{"providers", "google", "", ""}, {"file", "v", name, ""}});
            const auto e = errors_of(labels, multipart_form(body));
            BOOST_TEST(messages(e, "file") ==
                       message_list{"File extension \"" + ext +
                                    "\" is not allowed. Allowed extensions are: mov, mp4, avi."});
        }
    }
    // A feature without a list takes any extension.
    const auto body = multipart_body({{"providers", "amazon", "", ""}, {"file", "x", "a.bin", ""}});
    BOOST_TEST(accepted(stt(), multipart_form(body)).input->file->name == "a.bin");
}

BOOST_AUTO_TEST_CASE(an_empty_uploaded_file_is_rejected) {
    const auto body =
        multipart_body({{"providers", "google", "", ""}, {"file", "", "clip.MP4", "video/mp4"}});
    const auto e = errors_of(feature("video/label_detection_async"), multipart_form(body));
    BOOST_TEST(messages(e, "file") == message_list{"The submitted file is empty."});
}

BOOST_AUTO_TEST_CASE(a_json_body_cannot_carry_a_file) {
    const auto e = errors_of(stt(), json_form(R"({"providers": "amazon", "file": "UklGRg=="})"));
    BOOST_TEST(messages(e, "file") ==
               message_list{"A JSON body cannot carry a file: upload it as multipart/form-data "
                            "or give file_url."});
    BOOST_TEST(e.size() == 1u);
}

BOOST_AUTO_TEST_CASE(webhook_receiver_must_be_an_http_or_https_url) {
    auto launch = accepted(stt(), json_form(stt_fields({})));
    BOOST_TEST(launch.input->webhook_receiver.empty());
    launch =
        accepted(stt(), json_form(stt_fields({{"webhook_receiver", " https://hooks.test/eden "}})));
    BOOST_TEST(launch.input->webhook_receiver == "https://hooks.test/eden");
    launch = accepted(stt(), json_form(stt_fields({{"webhook_receiver", nullptr}})));
    BOOST_TEST(launch.input->webhook_receiver.empty());
    for (const auto* bad : {R"("ftp://hooks.test")", R"("hooks.test/eden")", "true"}) {
        BOOST_TEST_CONTEXT(bad) {
            const auto e =
                errors_of(stt(), json_form(stt_fields({{"webhook_receiver", json::parse(bad)}})));
            BOOST_TEST(messages(e, "webhook_receiver") == message_list{"Enter a valid URL."});
        }
    }
}

BOOST_AUTO_TEST_CASE(users_webhook_parameters_are_kept_as_sent_in_compact_json) {
    const std::vector<std::pair<json::value, std::string>> cases{
        {json::object{{"order", 7}, {"tags", json::array{"a", "b"}}},
         R"({"order":7,"tags":["a","b"]})"},
        {R"( { "order" : 7 } )", R"({"order":7})"},
        {"[1, 2]", "[1,2]"},
        {json::array{1, 2}, "[1,2]"},
        {5, "5"},
        {"plain text", R"("plain text")"},
        {"5", R"("5")"}, // text holding a scalar stays text
        {"{broken", R"("{broken")"},
    };
    for (const auto& [value, kept] : cases) {
        BOOST_TEST_CONTEXT(json::serialize(value)) {
            const auto launch =
                accepted(stt(), json_form(stt_fields({{"users_webhook_parameters", value}})));
            BOOST_TEST(launch.input->users_webhook_parameters == kept);
        }
    }
    BOOST_TEST(accepted(stt(), json_form(stt_fields({}))).input->users_webhook_parameters.empty());
    BOOST_TEST(accepted(stt(), json_form(stt_fields({{"users_webhook_parameters", nullptr}})))
                   .input->users_webhook_parameters.empty());
    // From a form, text holding JSON is taken as that JSON.
    const auto launch = accepted(
        stt(),
        url_form("providers=amazon&file_url=https://f.test/a.wav&users_webhook_parameters=%7B%22a"
                 "%22%3A+1%7D"));
    BOOST_TEST(launch.input->users_webhook_parameters == R"({"a":1})");
}

BOOST_AUTO_TEST_CASE(display_and_webhook_flags_have_eden_defaults_and_accept_drf_booleans) {
    const auto defaults = accepted(stt(), json_form(stt_fields({})));
    BOOST_TEST(defaults.input->show_original_response == false);
    BOOST_TEST(defaults.input->show_base_64 == true);
    BOOST_TEST(defaults.input->send_webhook_data == true);
    const auto flipped = accepted(stt(),
                                  json_form(stt_fields({{"show_original_response", "yes"},
                                                        {"show_base_64", 0},
                                                        {"send_webhook_data", "False"}})));
    BOOST_TEST(flipped.input->show_original_response == true);
    BOOST_TEST(flipped.input->show_base_64 == false);
    BOOST_TEST(flipped.input->send_webhook_data == false);
    const auto nulls = accepted(stt(),
                                json_form(stt_fields({{"show_original_response", nullptr},
                                                      {"show_base_64", nullptr},
                                                      {"send_webhook_data", nullptr}})));
    BOOST_TEST(nulls.input->show_original_response == false);
    BOOST_TEST(nulls.input->show_base_64 == true);
    BOOST_TEST(nulls.input->send_webhook_data == true);
    const auto e = errors_of(stt(),
                             json_form(stt_fields({{"show_original_response", "perhaps"},
                                                   {"show_base_64", 2},
                                                   {"send_webhook_data", "sometimes"}})));
    for (const auto* field : {"show_original_response", "show_base_64", "send_webhook_data"}) {
        BOOST_TEST_CONTEXT(field) {
            BOOST_TEST(messages(e, field) == message_list{"Must be a valid boolean."});
        }
    }
}

BOOST_AUTO_TEST_CASE(settings_take_an_object_or_text_holding_one) {
    auto launch = accepted(stt(), json_form(stt_fields({{"settings", R"({"amazon": "m1"})"}})));
    BOOST_TEST(param(launch, "settings") == R"({"amazon":"m1"})");
    launch = accepted(stt(), json_form(stt_fields({{"settings", json::object{{"a", 1}}}})));
    BOOST_TEST(param(launch, "settings") == R"({"a":1})");
    const auto e = errors_of(stt(), json_form(stt_fields({{"settings", "{broken"}})));
    BOOST_TEST(messages(e, "settings") == message_list{"Value must be valid JSON."});
}

BOOST_AUTO_TEST_CASE(every_bad_field_is_reported_at_once_in_validation_order) {
    const auto e = errors_of(tts(), json_form(R"({"providers": "amazon,nope", "settings": "{",
                                           "show_base_64": "x", "webhook_receiver": "nope",
                                           "rate": 1000, "option": "CHILD"})"));
    BOOST_TEST(keys_of(e) == (message_list{"providers",
                                           "settings",
                                           "show_base_64",
                                           "webhook_receiver",
                                           "text",
                                           "option",
                                           "rate"}));
    const auto input = errors_of(
        stt(),
        json_form(R"({"providers": "", "speakers": "x", "file_url": "ftp://f.test/a.wav"})"));
    BOOST_TEST(keys_of(input) == (message_list{"providers", "speakers", "file_url"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(launch_form)

BOOST_AUTO_TEST_CASE(json_bodies_keep_their_types) {
    for (const auto* type :
         {"application/json", "Application/JSON; charset=utf-8", "application/vnd.eden+json"}) {
        BOOST_TEST_CONTEXT(type) {
            const auto form =
                eden::parse_launch_body(type, R"({"providers": ["amazon"], "speakers": 2})");
            BOOST_TEST(form.json_body);
            BOOST_TEST(form.fields.at("providers").is_array());
            BOOST_TEST(form.fields.at("speakers").is_int64());
            BOOST_TEST(!form.file);
        }
    }
}

BOOST_AUTO_TEST_CASE(invalid_json_is_a_400_on_the_body_field) {
    for (const auto* body : {"{", "", R"({"providers": amazon})", R"({"a": 1} trailing)"}) {
        BOOST_TEST_CONTEXT(body) {
            const auto error =
                thrown_by([&] { eden::parse_launch_body("application/json", body); });
            BOOST_TEST(error.status() == 400u);
            BOOST_TEST(error.body().at("error").at("type").as_string() == "Invalid request");
            const auto& list = error.body().at("error").at("message").at("body").as_array();
            BOOST_TEST_REQUIRE(list.size() == 1u);
            const std::string_view message = list[0].as_string();
            BOOST_TEST(message.starts_with("JSON parse error: "));
            BOOST_TEST(message.ends_with("."));
            BOOST_TEST(error.body().at("error").at("message").as_object().size() == 1u);
        }
    }
}

BOOST_AUTO_TEST_CASE(json_that_is_not_an_object_is_a_400) {
    for (const auto* body : {"[1, 2]", R"("providers")", "null", "42"}) {
        BOOST_TEST_CONTEXT(body) {
            const auto error =
                thrown_by([&] { eden::parse_launch_body("application/json", body); });
            BOOST_TEST(error.status() == 400u);
            BOOST_TEST(
                json_text::compact(error.body()) ==
                R"({"error":{"type":"Invalid request","message":{"body":["Expected a JSON object."]}}})");
        }
    }
}

BOOST_AUTO_TEST_CASE(multipart_fields_are_text_and_the_file_part_is_kept_apart) {
    const auto body = multipart_body({{"providers", "amazon", "", ""},
                                      {"providers", "google", "", ""},
                                      {"speakers", "2", "", ""},
                                      {"file", "RIFF", "a.wav", "audio/wav"},
                                      {"extra_file", "zzz", "b.wav", "audio/wav"}});
    const auto form = multipart_form(body);
    BOOST_TEST(!form.json_body);
    BOOST_TEST(json_text::compact(form.fields) ==
               R"({"providers":["amazon","google"],"speakers":"2"})");
    BOOST_TEST_REQUIRE(form.file.has_value());
    BOOST_TEST(form.file->filename == "a.wav");
    BOOST_TEST(form.file->content_type == "audio/wav");
    BOOST_TEST(form.file->bytes == "RIFF");
    // The bytes point into the body: nothing was copied.
    const auto offset = form.file->bytes.data() - body.data();
    BOOST_TEST(offset >= 0);
    BOOST_TEST(offset < static_cast<std::ptrdiff_t>(body.size()));
}

BOOST_AUTO_TEST_CASE(broken_multipart_is_a_400_saying_what_is_wrong) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"multipart/form-data",
         "Multipart form parse error: the Content-Type has no usable boundary parameter."},
        {"multipart/form-data; boundary=XyZ",
         "Multipart form parse error: the body ends before the closing boundary."},
    };
    const std::string truncated =
        "--XyZ\r\nContent-Disposition: form-data; name=\"providers\"\r\n\r\namazon";
    for (const auto& [type, message] : cases) {
        BOOST_TEST_CONTEXT(type) {
            const auto error = thrown_by([&] { eden::parse_launch_body(type, truncated); });
            BOOST_TEST(error.status() == 400u);
            BOOST_TEST(error.body().at("error").at("message").at("body").at(0).as_string() ==
                       message);
        }
    }
    const auto other = thrown_by(
        [&] { eden::parse_launch_body("multipart/form-data; boundary=XyZ", "no boundary here"); });
    BOOST_TEST(other.body().at("error").at("message").at("body").at(0).as_string() ==
               "Multipart form parse error: the body does not contain the boundary.");
}

BOOST_AUTO_TEST_CASE(urlencoded_bodies_decode_plus_and_percent_and_repeat_names_as_lists) {
    const auto form =
        eden::parse_launch_body("application/x-www-form-urlencoded; charset=utf-8",
                                "providers=amazon&providers=google&text=a+b%21&&flag");
    BOOST_TEST(!form.json_body);
    BOOST_TEST(json_text::compact(form.fields) ==
               R"({"providers":["amazon","google"],"text":"a b!","flag":""})");
    BOOST_TEST(!form.file);
}

BOOST_AUTO_TEST_CASE(malformed_urlencoded_is_a_400) {
    const auto error = thrown_by([] { url_form("providers=amazon&text=%zz"); });
    BOOST_TEST(error.status() == 400u);
    BOOST_TEST(error.body().at("error").at("message").at("body").at(0).as_string() ==
               "Form parse error: the urlencoded body is malformed.");
}

BOOST_AUTO_TEST_CASE(other_content_types_are_a_415_naming_the_type) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"text/plain; charset=utf-8", "\"text/plain\""},
        {"Application/XML", "\"application/xml\""},
        {"", "none"},
        {"multipart/form-data; boundary=\"unterminated",
         "\"multipart/form-data; boundary=\"unterminated\""},
    };
    for (const auto& [type, shown] : cases) {
        BOOST_TEST_CONTEXT(type) {
            const auto error = thrown_by([&] { eden::parse_launch_body(type, "{}"); });
            BOOST_TEST(error.status() == 415u);
            BOOST_TEST(error.body().at("error").at("type").as_string() == "unsupported_media_type");
            BOOST_TEST(error.body().at("error").at("message").as_string() ==
                       "Unsupported media type " + shown +
                           " in request. Use application/json, multipart/form-data or "
                           "application/x-www-form-urlencoded.");
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
