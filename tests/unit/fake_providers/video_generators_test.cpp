#include "fake_providers/deterministic.hpp"
#include "fake_providers/video/video_common.hpp"
#include "fake_providers/video/video_probe.hpp"
#include "tests/unit/fake_providers/table_generators.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace json = boost::json;
using emu::fake::generated_result;
using emu::fake::generation_request;
using emu::fake::input_file;
using emu::fake::launch_params;
using emu::testing::providers_of;

// Every video feature of the feature table, with its providers.
std::vector<emu::testing::feature_providers> video_features() {
    return emu::testing::features_under("video/");
}

// One job's inputs; run() builds the request (which only views them) and calls the generator.
struct job {
    std::string feature;
    std::string provider;
    std::string job_id = "7d9e6c1a-0000-4000-8000-000000000001";
    std::uint64_t seed = 42;
    launch_params params;
    std::optional<input_file> file;
    bool original = true;

    std::string url_base() const {
        return "http://127.0.0.1:8080/v2/results/" + job_id + "/" + provider;
    }

    generation_request request() const {
        return generation_request{feature,
                                  provider,
                                  "",
                                  job_id,
                                  seed,
                                  params,
                                  file ? &*file : nullptr,
                                  url_base_,
                                  original};
    }

    generated_result run() {
        url_base_ = url_base();
        const auto fn = emu::testing::default_generators().find(feature, provider);
        BOOST_REQUIRE_MESSAGE(fn != nullptr, feature << " / " << provider);
        return fn(request());
    }

    std::uint32_t duration_ms() {
        url_base_ = url_base();
        return emu::fake::video::video_duration_ms(request());
    }

private:
    std::string url_base_;
};

input_file probed_file(std::string name, std::uint32_t duration_ms) {
    input_file file;
    file.name = std::move(name);
    file.content_type = "video/mp4";
    file.size = 1'000'000;
    file.duration_ms = duration_ms;
    file.width = 1920;
    file.height = 1080;
    return file;
}

// The inputs every analysis feature is run on: probed durations from one frame to ten
// minutes, a file known only by its size and a file_url.
std::vector<input_file> sample_inputs() {
    std::vector<input_file> inputs;
    for (const std::uint32_t ms : {40u, 1'500u, 12'345u, 95'000u, 600'000u}) {
        inputs.push_back(probed_file("street_traffic.mp4", ms));
    }
    input_file sized;
    sized.name = "team_meeting.mov";
    sized.size = 4'000'000;
    inputs.push_back(sized);
    input_file url;
    url.name = "holiday-beach.avi";
    url.from_url = true;
    inputs.push_back(url);
    return inputs;
}

job job_for(std::string_view feature, std::string_view provider) {
    job j;
    j.feature = std::string{feature};
    j.provider = std::string{provider};
    if (feature == "video/question_answer_async") {
        j.params.set("text", "What color is the car near the intersection?");
        j.params.set("temperature", "0.4");
    }
    if (feature == "video/generation_async") {
        j.params.set("text", "A red kite flying over a green hill at sunset");
        j.params.set("duration", "3");
        j.params.set("fps", "12");
    }
    return j;
}

bool is_number(const json::value& v) {
    return v.is_double() || v.is_int64() || v.is_uint64();
}

double number(const json::value& v) {
    return v.to_number<double>();
}

// Checks the object's keys, in order.
void expect_keys(const json::object& object, std::vector<std::string_view> keys) {
    std::vector<std::string_view> actual;
    for (const auto& entry : object) {
        actual.push_back(entry.key());
    }
    BOOST_TEST(actual == keys, boost::test_tools::per_element());
}

void expect_number_or_null(const json::object& object, std::string_view key) {
    BOOST_TEST_CONTEXT(key) {
        BOOST_TEST((is_number(object.at(key)) || object.at(key).is_null()));
    }
}

// A bounding box: {top, left, height, width}, all null (Twelve Labs) or inside the frame.
void expect_box(const json::value& value, bool null_geometry) {
    BOOST_REQUIRE(value.is_object());
    const auto& box = value.as_object();
    expect_keys(box, {"top", "left", "height", "width"});
    if (null_geometry) {
        for (const auto& entry : box) {
            BOOST_TEST(entry.value().is_null());
        }
        return;
    }
    for (const auto& entry : box) {
        BOOST_REQUIRE(is_number(entry.value()));
        BOOST_TEST(number(entry.value()) >= 0.0);
        BOOST_TEST(number(entry.value()) <= 1.0);
    }
    BOOST_TEST(number(box.at("left")) + number(box.at("width")) <= 1.0 + 1e-9);
    BOOST_TEST(number(box.at("top")) + number(box.at("height")) <= 1.0 + 1e-9);
}

// A landmark: [] or [x, y] inside the frame.
void expect_point(const json::value& value) {
    BOOST_REQUIRE(value.is_array());
    const auto& point = value.as_array();
    BOOST_TEST((point.empty() || point.size() == 2));
    for (const auto& coordinate : point) {
        BOOST_REQUIRE(is_number(coordinate));
        BOOST_TEST(number(coordinate) >= 0.0);
        BOOST_TEST(number(coordinate) <= 1.0);
    }
}

// Times (seconds) of the entries of a track, which must increase.
void expect_increasing(const json::array& entries, std::string_view time_key) {
    double previous = -1.0;
    for (const auto& entry : entries) {
        const double t = number(entry.as_object().at(time_key));
        BOOST_TEST(t > previous);
        previous = t;
    }
}

// The fields of one result: keys, JSON types and per-feature invariants.
void expect_shape(std::string_view feature, std::string_view provider, const json::object& fields) {
    const bool twelvelabs = provider == "twelvelabs";
    if (feature == "video/deepfake_detection_async") {
        expect_keys(fields, {"average_score", "prediction", "details_per_frame"});
        const double average = number(fields.at("average_score"));
        BOOST_TEST((average >= 0.0 && average <= 1.0));
        BOOST_TEST(fields.at("prediction") == (average >= 0.5 ? "deepfake" : "original"));
        double total = 0;
        const auto& frames = fields.at("details_per_frame").as_array();
        BOOST_REQUIRE(!frames.empty());
        for (const auto& frame : frames) {
            expect_keys(frame.as_object(), {"position", "score", "prediction"});
            const double score = number(frame.at("score"));
            total += score;
            BOOST_TEST(frame.at("prediction") == (score >= 0.5 ? "deepfake" : "original"));
        }
        BOOST_TEST(std::abs(total / static_cast<double>(frames.size()) - average) <= 0.0005 + 1e-9);
        expect_increasing(frames, "position");
    } else if (feature == "video/explicit_content_detection_async") {
        expect_keys(fields, {"moderation"});
        for (const auto& item : fields.at("moderation").as_array()) {
            expect_keys(item.as_object(), {"timestamp", "confidence", "category"});
            BOOST_TEST(is_number(item.at("timestamp")));
            BOOST_TEST(item.at("category").is_string());
            const double confidence = number(item.at("confidence"));
            // Google reports likelihood / 5; Amazon Rekognition's 0..100.
            BOOST_TEST(confidence >= (provider == "google" ? 0.2 : 50.0));
            BOOST_TEST(confidence <= (provider == "google" ? 1.0 : 100.0));
        }
    } else if (feature == "video/face_detection_async") {
        expect_keys(fields, {"faces"});
        BOOST_TEST(!fields.at("faces").as_array().empty());
        for (const auto& item : fields.at("faces").as_array()) {
            const auto& face = item.as_object();
            expect_keys(face, {"offset", "bounding_box", "attributes", "landmarks"});
            BOOST_TEST(is_number(face.at("offset")));
            expect_box(face.at("bounding_box"), false);
            const auto& attributes = face.at("attributes").as_object();
            expect_keys(attributes,
                        {"headwear",
                         "frontal_gaze",
                         "eyes_visible",
                         "glasses",
                         "mouth_open",
                         "smiling",
                         "brightness",
                         "sharpness",
                         "pose"});
            for (const auto key : {"headwear",
                                   "frontal_gaze",
                                   "eyes_visible",
                                   "glasses",
                                   "mouth_open",
                                   "smiling",
                                   "brightness",
                                   "sharpness"}) {
                expect_number_or_null(attributes, key);
            }
            expect_keys(attributes.at("pose").as_object(), {"pitch", "roll", "yawn"});
            const auto& landmarks = face.at("landmarks").as_object();
            expect_keys(landmarks, {"eye_left", "eye_right", "nose", "mouth_left", "mouth_right"});
            for (const auto& landmark : landmarks) {
                expect_point(landmark.value());
                // Amazon fills landmarks, Google none.
                BOOST_TEST(landmark.value().as_array().empty() == (provider == "google"));
            }
            BOOST_TEST(attributes.at("smiling").is_null() == (provider == "amazon"));
        }
    } else if (feature == "video/generation_async") {
        expect_keys(fields, {"video", "video_resource_url"});
        BOOST_TEST(fields.at("video").is_string());
        BOOST_TEST(fields.at("video_resource_url").is_string());
    } else if (feature == "video/label_detection_async") {
        expect_keys(fields, {"labels"});
        BOOST_TEST(!fields.at("labels").as_array().empty());
        for (const auto& item : fields.at("labels").as_array()) {
            const auto& label = item.as_object();
            expect_keys(label, {"name", "confidence", "timestamp", "category", "bounding_box"});
            BOOST_TEST(label.at("name").is_string());
            const double confidence = number(label.at("confidence"));
            // Google's sample is on a 0..100 scale; Amazon's parser divides by 100.
            BOOST_TEST(confidence <= (provider == "google" ? 100.0 : 1.0));
            BOOST_TEST(!label.at("timestamp").as_array().empty());
            for (const auto& span : label.at("timestamp").as_array()) {
                expect_keys(span.as_object(), {"start", "end"});
                BOOST_TEST(is_number(span.at("start")));
                BOOST_TEST(
                    (provider == "amazon" ? span.at("end").is_null() : is_number(span.at("end"))));
            }
            for (const auto& category : label.at("category").as_array()) {
                BOOST_TEST(category.is_string());
            }
            for (const auto& box : label.at("bounding_box").as_array()) {
                expect_box(box, false);
            }
        }
    } else if (feature == "video/logo_detection_async") {
        expect_keys(fields, {"logos"});
        BOOST_TEST(!fields.at("logos").as_array().empty());
        for (const auto& item : fields.at("logos").as_array()) {
            expect_keys(item.as_object(), {"description", "tracking"});
            BOOST_TEST(item.at("description").is_string());
            const auto& tracking = item.at("tracking").as_array();
            BOOST_TEST(!tracking.empty());
            BOOST_TEST(tracking.size() <= 20u);
            for (const auto& frame : tracking) {
                expect_keys(frame.as_object(), {"timestamp", "bounding_box", "confidence"});
                expect_box(frame.at("bounding_box"), twelvelabs);
                BOOST_TEST(number(frame.at("confidence")) <= 1.0);
            }
            expect_increasing(tracking, "timestamp");
        }
    } else if (feature == "video/object_tracking_async") {
        expect_keys(fields, {"objects"});
        BOOST_TEST(!fields.at("objects").as_array().empty());
        for (const auto& item : fields.at("objects").as_array()) {
            expect_keys(item.as_object(), {"description", "confidence", "frames"});
            // Eden divides Google's confidence by 100.
            BOOST_TEST(number(item.at("confidence")) <= 0.01);
            const auto& frames = item.at("frames").as_array();
            BOOST_TEST(!frames.empty());
            BOOST_TEST(frames.size() <= 20u);
            for (const auto& frame : frames) {
                expect_keys(frame.as_object(), {"timestamp", "bounding_box"});
                expect_box(frame.at("bounding_box"), false);
            }
            expect_increasing(frames, "timestamp");
        }
    } else if (feature == "video/person_tracking_async") {
        expect_keys(fields, {"persons"});
        BOOST_TEST(!fields.at("persons").as_array().empty());
        for (const auto& person : fields.at("persons").as_array()) {
            expect_keys(person.as_object(), {"tracked"});
            const auto& tracked = person.at("tracked").as_array();
            BOOST_TEST(!tracked.empty());
            BOOST_TEST(tracked.size() <= 20u);
            for (const auto& item : tracked) {
                const auto& entry = item.as_object();
                expect_keys(
                    entry,
                    {"offset", "attributes", "landmarks", "poses", "quality", "bounding_box"});
                expect_box(entry.at("bounding_box"), false);
                const auto& attributes = entry.at("attributes").as_object();
                expect_keys(attributes, {"upper_cloths", "lower_cloths"});
                for (const auto& cloths : attributes) {
                    for (const auto& cloth : cloths.value().as_array()) {
                        expect_keys(cloth.as_object(), {"value", "confidence"});
                    }
                    BOOST_TEST(cloths.value().as_array().empty() == (provider == "amazon"));
                }
                const auto& landmarks = entry.at("landmarks").as_object();
                BOOST_TEST(landmarks.size() == 19u);
                for (const auto& landmark : landmarks) {
                    expect_point(landmark.value());
                }
                expect_keys(entry.at("poses").as_object(), {"pitch", "roll", "yaw"});
                expect_keys(entry.at("quality").as_object(), {"brightness", "sharpness"});
                for (const auto& pose : entry.at("poses").as_object()) {
                    BOOST_TEST((pose.value().is_null() || is_number(pose.value())));
                }
            }
            expect_increasing(tracked, "offset");
        }
    } else if (feature == "video/question_answer_async") {
        expect_keys(fields, {"answer", "finish_reason"});
        BOOST_TEST(fields.at("answer").is_string());
        BOOST_TEST(
            (fields.at("finish_reason") == "STOP" || fields.at("finish_reason") == "MAX_TOKENS"));
    } else if (feature == "video/shot_change_detection_async") {
        expect_keys(fields, {"shotAnnotations"});
        const auto& shots = fields.at("shotAnnotations").as_array();
        BOOST_REQUIRE(!shots.empty());
        BOOST_TEST(number(shots.front().at("startTimeOffset")) == 0.0);
        double previous_end = -1.0;
        for (const auto& shot : shots) {
            expect_keys(shot.as_object(), {"startTimeOffset", "endTimeOffset"});
            const double start = number(shot.at("startTimeOffset"));
            const double end = number(shot.at("endTimeOffset"));
            BOOST_TEST(start > previous_end);
            BOOST_TEST(end >= start);
            previous_end = end;
        }
    } else if (feature == "video/text_detection_async") {
        expect_keys(fields, {"texts"});
        BOOST_TEST(!fields.at("texts").as_array().empty());
        for (const auto& item : fields.at("texts").as_array()) {
            expect_keys(item.as_object(), {"text", "frames"});
            BOOST_TEST(!item.at("text").as_string().empty());
            const auto& frames = item.at("frames").as_array();
            BOOST_TEST(!frames.empty());
            BOOST_TEST(frames.size() <= 20u);
            for (const auto& frame : frames) {
                expect_keys(frame.as_object(), {"confidence", "timestamp", "bounding_box"});
                BOOST_TEST(number(frame.at("confidence")) <= 1.0);
                expect_box(frame.at("bounding_box"), twelvelabs);
            }
            expect_increasing(frames, "timestamp");
        }
    } else {
        BOOST_FAIL("no shape check for " << feature);
    }
}

// Walks the fields and checks every time against the video's length: seconds under the usual
// keys, milliseconds under "position". Returns how many times it saw.
std::size_t check_times(const json::value& value, double duration_s) {
    static const std::set<std::string_view> second_keys{
        "timestamp", "offset", "start", "end", "startTimeOffset", "endTimeOffset"};
    std::size_t seen = 0;
    if (value.is_array()) {
        for (const auto& item : value.as_array()) {
            seen += check_times(item, duration_s);
        }
    } else if (value.is_object()) {
        for (const auto& entry : value.as_object()) {
            if (is_number(entry.value()) && second_keys.contains(entry.key())) {
                BOOST_TEST_CONTEXT(entry.key()) {
                    BOOST_TEST(number(entry.value()) >= 0.0);
                    BOOST_TEST(number(entry.value()) <= duration_s);
                }
                ++seen;
            } else if (is_number(entry.value()) && entry.key() == "position") {
                BOOST_TEST(number(entry.value()) >= 0.0);
                BOOST_TEST(number(entry.value()) <= duration_s * 1000.0);
                ++seen;
            } else {
                seen += check_times(entry.value(), duration_s);
            }
        }
    }
    return seen;
}

std::string serialized(const generated_result& result) {
    return json::serialize(result.fields) + "\n" + json::serialize(result.original_response) +
           "\n" + result.media_field;
}

std::size_t word_count(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : text) {
        words += (c != ' ' && !in_word) ? 1 : 0;
        in_word = c != ' ';
    }
    return words;
}

std::string lower(std::string_view text) {
    std::string out{text};
    for (auto& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(video_generators)

BOOST_AUTO_TEST_CASE(results_have_the_standardized_keys_and_types_for_every_input) {
    for (const auto& [feature, providers] : video_features()) {
        for (const auto& provider : providers) {
            for (const auto& input : sample_inputs()) {
                BOOST_TEST_CONTEXT(feature << " / " << provider << " / " << input.name << " "
                                           << input.duration_ms.value_or(0)) {
                    auto j = job_for(feature, provider);
                    j.file = input;
                    const auto result = j.run();
                    expect_shape(feature, provider, result.fields);
                    BOOST_TEST((result.original_response.is_object() ||
                                result.original_response.is_array()));
                    BOOST_TEST(result.media_field ==
                               (feature == "video/generation_async" ? "video" : ""));
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(original_response_is_null_unless_asked_for) {
    for (const auto& [feature, providers] : video_features()) {
        for (const auto& provider : providers) {
            BOOST_TEST_CONTEXT(feature << " / " << provider) {
                auto j = job_for(feature, provider);
                j.file = probed_file("clip.mp4", 8'000);
                j.original = false;
                BOOST_TEST(j.run().original_response.is_null());
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(same_request_gives_the_same_bytes_and_another_job_other_bytes) {
    for (const auto& [feature, providers] : video_features()) {
        for (const auto& provider : providers) {
            BOOST_TEST_CONTEXT(feature << " / " << provider) {
                auto first = job_for(feature, provider);
                first.file = probed_file("street_traffic.mp4", 20'000);
                auto again = first;
                auto other = first;
                other.job_id = "7d9e6c1a-0000-4000-8000-000000000002";
                const auto bytes = serialized(first.run());
                BOOST_TEST(bytes == serialized(again.run()));
                BOOST_TEST(bytes != serialized(other.run()));
                auto reseeded = first;
                reseeded.seed = 43;
                BOOST_TEST(bytes != serialized(reseeded.run()));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(results_stay_a_few_kilobytes) {
    for (const auto& [feature, providers] : video_features()) {
        for (const auto& provider : providers) {
            for (const auto& input : sample_inputs()) {
                BOOST_TEST_CONTEXT(feature << " / " << provider << " / "
                                           << input.duration_ms.value_or(0)) {
                    auto j = job_for(feature, provider);
                    j.file = input;
                    j.original = false;
                    const auto size = json::serialize(j.run().fields).size();
                    BOOST_TEST(size <= (feature == "video/generation_async" ? 64'000u : 32'000u));
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(on_screen_text_includes_the_title_made_from_the_file_name) {
    for (const auto& provider : providers_of("video/text_detection_async")) {
        BOOST_TEST_CONTEXT(provider) {
            auto j = job_for("video/text_detection_async", provider);
            j.file = probed_file("quarterly_sales-review.mp4", 30'000);
            const auto result = j.run();
            const auto& texts = result.fields.at("texts").as_array();
            BOOST_TEST(std::any_of(texts.begin(), texts.end(), [](const json::value& text) {
                return text.at("text") == "Quarterly Sales Review";
            }));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(video_timestamps)

BOOST_AUTO_TEST_CASE(every_time_lies_within_the_probed_duration) {
    for (const auto& [feature, providers] : video_features()) {
        if (feature == "video/generation_async" || feature == "video/question_answer_async") {
            continue;
        }
        for (const auto& provider : providers) {
            for (const std::uint32_t ms :
                 {1u, 40u, 999u, 1'500u, 7'777u, 12'345u, 60'000u, 95'000u, 600'000u}) {
                for (const std::string job_id : {"job-a", "job-b", "job-c"}) {
                    BOOST_TEST_CONTEXT(feature << " / " << provider << " / " << ms << " ms / "
                                               << job_id) {
                        auto j = job_for(feature, provider);
                        j.job_id = job_id;
                        j.file = probed_file("street_traffic.mp4", ms);
                        const auto result = j.run();
                        BOOST_TEST(check_times(result.fields, ms / 1000.0) > 0u);
                    }
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(every_time_lies_within_the_estimated_duration) {
    for (const auto& [feature, providers] : video_features()) {
        if (feature == "video/generation_async" || feature == "video/question_answer_async") {
            continue;
        }
        for (const auto& provider : providers) {
            for (const auto& input : sample_inputs()) {
                BOOST_TEST_CONTEXT(feature << " / " << provider << " / " << input.name) {
                    auto j = job_for(feature, provider);
                    j.file = input;
                    const auto duration = j.duration_ms();
                    BOOST_TEST(check_times(j.run().fields, duration / 1000.0) > 0u);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(duration_comes_from_the_probe_else_the_size_else_the_file_name) {
    auto j = job_for("video/label_detection_async", "google");
    j.file = probed_file("a.mp4", 12'345);
    BOOST_TEST(j.duration_ms() == 12'345u);
    // About 1 MB per 8 s, kept within 2..600 s.
    input_file sized;
    sized.name = "a.mp4";
    sized.size = 4'000'000;
    j.file = sized;
    BOOST_TEST(j.duration_ms() == 32'000u);
    sized.size = 1'000;
    j.file = sized;
    BOOST_TEST(j.duration_ms() == 2'000u);
    sized.size = 500'000'000;
    j.file = sized;
    BOOST_TEST(j.duration_ms() == 600'000u);
    input_file url;
    url.name = "clip.mp4";
    url.from_url = true;
    j.file = url;
    const auto from_url = j.duration_ms();
    BOOST_TEST(from_url >= 10'000u);
    BOOST_TEST(from_url <= 60'000u);
    // The same file seen by another provider and another job has the same length.
    auto other = job_for("video/face_detection_async", "amazon");
    other.job_id = "another-job";
    other.file = url;
    BOOST_TEST(other.duration_ms() == from_url);
    j.file.reset();
    BOOST_TEST(j.duration_ms() >= 10'000u);
}

BOOST_AUTO_TEST_CASE(deepfake_prediction_follows_the_average_score) {
    std::set<std::string> predictions;
    for (int i = 0; i < 40; ++i) {
        auto j = job_for("video/deepfake_detection_async", "sightengine");
        j.file = probed_file("upload_" + std::to_string(i) + ".mp4", 16'000);
        const auto result = j.run();
        expect_shape(j.feature, j.provider, result.fields);
        predictions.insert(std::string{result.fields.at("prediction").as_string()});
    }
    // Both verdicts occur over enough files.
    BOOST_TEST(predictions.size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(video_question_answer)

BOOST_AUTO_TEST_CASE(answer_mentions_the_subject_words_of_the_question) {
    const std::vector<std::pair<std::string, std::vector<std::string>>> questions{
        {"What color is the bicycle near the fountain?", {"color", "bicycle", "fountain"}},
        {"How many dogs are playing on the beach?", {"dogs", "playing", "beach"}},
        {"Who is holding the microphone", {"holding", "microphone"}},
        {"Describe the weather and the lighting in this clip.", {"weather", "lighting"}},
    };
    for (const auto& [question, words] : questions) {
        for (const std::string temperature : {"0", "0.9"}) {
            BOOST_TEST_CONTEXT(question << " at " << temperature) {
                auto j = job_for("video/question_answer_async", "google");
                j.params.set("text", question);
                j.params.set("temperature", temperature);
                j.file = probed_file("clip.mp4", 30'000);
                const auto result = j.run();
                const auto answer = lower(result.fields.at("answer").as_string());
                for (const auto& word : words) {
                    BOOST_TEST(answer.find(word) != std::string::npos, word);
                }
                BOOST_TEST(result.fields.at("finish_reason") == "STOP");
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(max_tokens_caps_the_answer_and_sets_the_finish_reason) {
    auto full_job = job_for("video/question_answer_async", "google");
    full_job.file = probed_file("clip.mp4", 30'000);
    const auto full = full_job.run();
    const std::string full_answer{full.fields.at("answer").as_string()};
    const auto full_words = word_count(full_answer);
    BOOST_REQUIRE(full_words > 12u);
    for (const std::size_t max_tokens : {std::size_t{1},
                                         std::size_t{5},
                                         std::size_t{12},
                                         full_words,
                                         full_words + 1,
                                         std::size_t{3'000'000}}) {
        BOOST_TEST_CONTEXT(max_tokens) {
            auto j = full_job;
            j.params.set("max_tokens", std::to_string(max_tokens));
            const auto result = j.run();
            const std::string answer{result.fields.at("answer").as_string()};
            BOOST_TEST(word_count(answer) == std::min(max_tokens, full_words));
            BOOST_TEST(full_answer.starts_with(answer));
            BOOST_TEST(result.fields.at("finish_reason") ==
                       (max_tokens < full_words ? "MAX_TOKENS" : "STOP"));
        }
    }
}

BOOST_AUTO_TEST_CASE(temperature_zero_answers_alike_for_every_job_and_warmer_ones_vary) {
    std::set<std::string> cold;
    std::set<std::string> warm;
    for (int i = 0; i < 8; ++i) {
        auto j = job_for("video/question_answer_async", "google");
        j.job_id = "job-" + std::to_string(i);
        j.file = probed_file("clip.mp4", 30'000);
        j.params.set("temperature", "0");
        cold.insert(std::string{j.run().fields.at("answer").as_string()});
        j.params.set("temperature", "1");
        warm.insert(std::string{j.run().fields.at("answer").as_string()});
    }
    BOOST_TEST(cold.size() == 1u);
    BOOST_TEST(warm.size() > 1u);
}

BOOST_AUTO_TEST_CASE(how_many_questions_get_a_count) {
    auto j = job_for("video/question_answer_async", "google");
    j.params.set("text", "How many cars drive past?");
    j.file = probed_file("street.mp4", 30'000);
    const std::string answer{j.run().fields.at("answer").as_string()};
    BOOST_TEST(answer.starts_with("There are "));
    BOOST_TEST(answer.find(" cars visible") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(video_generation)

// The MP4 bytes of a generation result.
std::string decoded_video(const generated_result& result) {
    std::string bytes;
    BOOST_REQUIRE(emu::fake::base64_decode(result.fields.at("video").as_string(), bytes));
    return bytes;
}

BOOST_AUTO_TEST_CASE(video_is_an_mp4_of_the_requested_length_and_size) {
    struct wanted {
        std::string duration, fps, dimension;
        std::uint32_t ms, width, height;
    };

    for (const auto& [duration, fps, dimension, ms, width, height] :
         {wanted{"6", "24", "1280x720", 6'000, 1280, 720},
          wanted{"1", "1", "720x1280", 1'000, 720, 1280},
          wanted{"10", "30", "1920x1080", 10'000, 1920, 1080},
          wanted{"60", "60", "640x640", 60'000, 640, 640},
          wanted{"500", "24", "not-a-size", 60'000, 1280, 720}}) {
        for (const auto& provider : providers_of("video/generation_async")) {
            BOOST_TEST_CONTEXT(provider << " " << duration << " s " << fps << " fps "
                                        << dimension) {
                auto j = job_for("video/generation_async", provider);
                j.params.set("duration", duration);
                j.params.set("fps", fps);
                j.params.set("dimension", dimension);
                const auto result = j.run();
                BOOST_TEST(result.media_field == "video");
                BOOST_TEST(result.fields.at("video_resource_url").as_string() ==
                           j.url_base() + "/video.mp4");
                const auto bytes = decoded_video(result);
                BOOST_REQUIRE(bytes.size() > 16u);
                BOOST_TEST(bytes.substr(4, 8) == "ftypisom");
                input_file probed;
                emu::fake::probe_video(bytes, probed);
                BOOST_TEST(probed.duration_ms.value_or(0) == ms);
                BOOST_TEST(probed.width.value_or(0) == width);
                BOOST_TEST(probed.height.value_or(0) == height);
                BOOST_TEST(bytes.size() < 48'000u);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(defaults_are_six_seconds_at_1280x720) {
    auto j = job_for("video/generation_async", "amazon");
    j.params = launch_params{};
    j.params.set("text", "A lighthouse at night");
    input_file probed;
    emu::fake::probe_video(decoded_video(j.run()), probed);
    BOOST_TEST(probed.duration_ms.value_or(0) == 6'000u);
    BOOST_TEST(probed.width.value_or(0) == 1280u);
    BOOST_TEST(probed.height.value_or(0) == 720u);
}

BOOST_AUTO_TEST_CASE(same_prompt_and_seed_give_the_same_video_whatever_the_job) {
    auto first = job_for("video/generation_async", "openai");
    auto other_job = first;
    other_job.job_id = "another-job";
    const auto video = decoded_video(first.run());
    BOOST_TEST(video == decoded_video(other_job.run()));
    auto other_seed = first;
    other_seed.params.set("seed", "13");
    BOOST_TEST(video != decoded_video(other_seed.run()));
    auto other_prompt = first;
    other_prompt.params.set("text", "A blue whale");
    BOOST_TEST(video != decoded_video(other_prompt.run()));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(video_probe)

// Big-endian ISO BMFF box assembly for the probe tests.
std::string be32(std::uint32_t value) {
    return {static_cast<char>(value >> 24),
            static_cast<char>(value >> 16),
            static_cast<char>(value >> 8),
            static_cast<char>(value)};
}

std::string be64(std::uint64_t value) {
    return be32(static_cast<std::uint32_t>(value >> 32)) + be32(static_cast<std::uint32_t>(value));
}

std::string make_box(std::string_view type, const std::string& payload) {
    return be32(static_cast<std::uint32_t>(payload.size() + 8)) + std::string{type} + payload;
}

std::string mvhd_v0(std::uint32_t timescale, std::uint32_t duration) {
    return make_box("mvhd",
                    be32(0) + be32(0) + be32(0) + be32(timescale) + be32(duration) +
                        std::string(80, '\0'));
}

std::string mvhd_v1(std::uint32_t timescale, std::uint64_t duration) {
    return make_box("mvhd",
                    be32(0x01000000) + be64(0) + be64(0) + be32(timescale) + be64(duration) +
                        std::string(80, '\0'));
}

std::string tkhd_v0(std::uint32_t width, std::uint32_t height) {
    return make_box("tkhd",
                    be32(3) + std::string(72, '\0') + be32(width << 16) + be32(height << 16));
}

std::string sample_mp4(const std::string& mvhd, const std::string& mdat_payload) {
    const std::string audio_track = make_box("trak", tkhd_v0(0, 0));
    const std::string video_track = make_box("trak", tkhd_v0(640, 360) + make_box("mdia", ""));
    return make_box("ftyp", "isom" + be32(0x200) + "isomiso2") + make_box("mdat", mdat_payload) +
           make_box("moov", mvhd + audio_track + video_track);
}

std::string le32(std::uint32_t value) {
    return {static_cast<char>(value),
            static_cast<char>(value >> 8),
            static_cast<char>(value >> 16),
            static_cast<char>(value >> 24)};
}

std::string chunk(std::string_view id, const std::string& payload) {
    return std::string{id} + le32(static_cast<std::uint32_t>(payload.size())) + payload;
}

std::string sample_avi() {
    // 40 000 us per frame x 250 frames = 10 s, 320x240.
    std::string avih = le32(40'000) + le32(0) + le32(0) + le32(0x10) + le32(250) + le32(0) +
                       le32(1) + le32(0) + le32(320) + le32(240) + std::string(16, '\0');
    const std::string junk = chunk("JUNK", std::string(11, 'j')) + std::string(1, '\0');
    const std::string hdrl = chunk("LIST", "hdrl" + chunk("avih", avih));
    const std::string movi = chunk("LIST", "movi" + chunk("00dc", std::string(64, 'x')));
    const std::string body = "AVI " + std::string(junk) + hdrl + movi;
    return "RIFF" + le32(static_cast<std::uint32_t>(body.size())) + body;
}

BOOST_AUTO_TEST_CASE(reads_duration_and_size_from_an_mp4_with_mvhd_version_0) {
    const auto bytes = sample_mp4(mvhd_v0(600, 7'200), std::string(4'096, '\0'));
    input_file file;
    emu::fake::probe_video(bytes, file);
    BOOST_TEST(file.duration_ms.value_or(0) == 12'000u);
    BOOST_TEST(file.width.value_or(0) == 640u);
    BOOST_TEST(file.height.value_or(0) == 360u);
}

BOOST_AUTO_TEST_CASE(reads_a_64_bit_duration_from_mvhd_version_1) {
    const auto bytes = sample_mp4(mvhd_v1(90'000, 90'000ULL * 95), "");
    input_file file;
    emu::fake::probe_video(bytes, file);
    BOOST_TEST(file.duration_ms.value_or(0) == 95'000u);
}

BOOST_AUTO_TEST_CASE(skips_a_large_mdat_by_its_declared_size) {
    // A 64-bit size header on a 16 MiB mdat, moov after it.
    const std::string payload(16u << 20, '\x55');
    const std::string mdat = be32(1) + "mdat" + be64(payload.size() + 16) + payload;
    const std::string moov =
        make_box("moov", mvhd_v0(1'000, 4'321) + make_box("trak", tkhd_v0(1920, 1080)));
    input_file file;
    emu::fake::probe_video(make_box("ftyp", "mp42" + be32(0)) + mdat + moov, file);
    BOOST_TEST(file.duration_ms.value_or(0) == 4'321u);
    BOOST_TEST(file.width.value_or(0) == 1920u);
}

BOOST_AUTO_TEST_CASE(truncated_mp4_gives_the_right_values_or_none) {
    const auto bytes = sample_mp4(mvhd_v0(600, 7'200), std::string(64, '\0'));
    for (std::size_t size = 0; size <= bytes.size(); ++size) {
        input_file file;
        emu::fake::probe_video(std::string_view{bytes}.substr(0, size), file);
        BOOST_TEST_CONTEXT(size) {
            BOOST_TEST((!file.duration_ms || *file.duration_ms == 12'000u));
            BOOST_TEST((!file.width || *file.width == 640u));
        }
    }
}

BOOST_AUTO_TEST_CASE(reads_duration_and_size_from_an_avi_main_header) {
    const auto bytes = sample_avi();
    input_file file;
    emu::fake::probe_video(bytes, file);
    BOOST_TEST(file.duration_ms.value_or(0) == 10'000u);
    BOOST_TEST(file.width.value_or(0) == 320u);
    BOOST_TEST(file.height.value_or(0) == 240u);
    for (std::size_t size = 0; size < bytes.size(); ++size) {
        input_file truncated;
        emu::fake::probe_video(std::string_view{bytes}.substr(0, size), truncated);
        BOOST_TEST_CONTEXT(size) {
            BOOST_TEST((!truncated.duration_ms || *truncated.duration_ms == 10'000u));
        }
    }
}

BOOST_AUTO_TEST_CASE(garbage_and_other_formats_are_left_alone) {
    emu::fake::rng gen{2024};
    for (int round = 0; round < 200; ++round) {
        std::string bytes(static_cast<std::size_t>(gen.between(0, 300)), '\0');
        for (auto& byte : bytes) {
            byte = static_cast<char>(gen.below(256));
        }
        // Half of the rounds look like an MP4 or AVI at first glance.
        if (round % 4 == 1 && bytes.size() >= 8) {
            bytes.replace(4, 4, "ftyp");
        } else if (round % 4 == 3 && bytes.size() >= 12) {
            bytes.replace(0, 4, "RIFF");
            bytes.replace(8, 4, "AVI ");
        }
        input_file file;
        emu::fake::probe_video(bytes, file);
        BOOST_TEST((!file.duration_ms || *file.duration_ms > 0u));
    }
    for (const std::string& other : {std::string{"RIFF\x24\0\0\0WAVEfmt ", 16},
                                     std::string{"\x89PNG\r\n\x1a\n"},
                                     std::string{"%PDF-1.7\n"}}) {
        input_file file;
        emu::fake::probe_video(other, file);
        BOOST_TEST(!file.duration_ms);
        BOOST_TEST(!file.width);
    }
}

BOOST_AUTO_TEST_SUITE_END()
