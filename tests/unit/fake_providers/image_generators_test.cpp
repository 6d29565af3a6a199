#include "fake_providers/deterministic.hpp"
#include "fake_providers/image/image_probe.hpp"
#include "tests/unit/fake_providers/table_generators.hpp"

#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

using emu::fake::generated_result;
using emu::fake::generation_request;
using emu::fake::input_file;
using emu::fake::launch_params;

constexpr std::string_view predict_feature = "image/automl_classification/predict_async";
constexpr std::string_view train_feature = "image/automl_classification/train_async";
constexpr std::string_view upload_feature = "image/automl_classification/upload_data_async";

// One generator call with everything a test may vary.
struct call {
    std::string_view feature = predict_feature;
    std::string_view provider = "nyckel";
    std::string job_id = "job-1";
    launch_params params;
    std::optional<input_file> file;
    bool original = false;

    generated_result run() const {
        const auto fn = emu::testing::default_generators().find(feature, provider);
        BOOST_REQUIRE(fn != nullptr);
        const generation_request request{feature,
                                         provider,
                                         "",
                                         job_id,
                                         42,
                                         params,
                                         file ? &*file : nullptr,
                                         "http://localhost/media",
                                         original};
        return fn(request);
    }
};

call predict(std::string project, std::optional<std::string> file_name) {
    call c;
    c.params.set("project_id", std::move(project));
    if (file_name) {
        input_file f;
        f.name = *file_name;
        f.size = 2048;
        f.width = 640;
        f.height = 480;
        c.file = f;
    }
    return c;
}

call upload(std::string project, std::string label) {
    call c;
    c.feature = upload_feature;
    c.params.set("project_id", std::move(project));
    c.params.set("label", std::move(label));
    c.params.set("type_of_data", "TRAINING");
    input_file f;
    f.name = "cat.png";
    c.file = f;
    return c;
}

std::string keys_of(const boost::json::object& o) {
    std::string keys;
    for (const auto& kv : o) {
        keys += std::string{kv.key()} + ",";
    }
    return keys;
}

std::string serialized(const generated_result& r) {
    return boost::json::serialize(r.fields) + "|" + boost::json::serialize(r.original_response);
}

} // namespace

BOOST_AUTO_TEST_SUITE(automl_classification_generators)

BOOST_AUTO_TEST_CASE(predict_returns_a_label_and_a_confidence) {
    for (const auto& name :
         std::vector<std::optional<std::string>>{"dog_03.jpg", "IMG_0042.jpg", std::nullopt}) {
        auto c = predict("function_abc", name);
        const auto result = c.run();
        BOOST_TEST(keys_of(result.fields) == "label,confidence,");
        BOOST_TEST(!result.fields.at("label").as_string().empty());
        const double confidence = result.fields.at("confidence").as_double();
        BOOST_TEST((confidence > 0.5 && confidence < 1.0));
        BOOST_TEST(result.original_response.is_null());
        BOOST_TEST(result.media_field.empty());
    }
}

BOOST_AUTO_TEST_CASE(predict_takes_the_label_a_file_name_suggests) {
    BOOST_TEST(predict("p", "dog_03.jpg").run().fields.at("label").as_string() == "Dog");
    BOOST_TEST(predict("p", "2024-05-01 red-car.png").run().fields.at("label").as_string() ==
               "Red");
    BOOST_TEST(predict("p", "Banana.TIFF").run().fields.at("label").as_string() == "Banana");
}

BOOST_AUTO_TEST_CASE(predict_without_a_telling_name_picks_among_the_project_labels) {
    std::set<std::string> labels_a;
    std::set<std::string> labels_b;
    for (int i = 0; i < 60; ++i) {
        auto a = predict("function_project_a", "IMG_0042.jpg");
        a.job_id = "job-" + std::to_string(i);
        labels_a.insert(std::string{a.run().fields.at("label").as_string()});
        auto b = predict("function_project_b", std::nullopt);
        b.job_id = a.job_id;
        labels_b.insert(std::string{b.run().fields.at("label").as_string()});
    }
    BOOST_TEST(labels_a.size() == 3U);
    BOOST_TEST(labels_b.size() == 3U);
    BOOST_TEST(labels_a != labels_b);
}

BOOST_AUTO_TEST_CASE(label_ids_agree_between_uploads_and_predictions_of_a_project) {
    auto p = predict("function_x", "horse.jpg");
    p.original = true;
    const auto prediction = p.run();
    const auto& native = prediction.original_response.as_object();
    BOOST_TEST(keys_of(native) == "labelName,labelId,confidence,");
    BOOST_TEST(native.at("labelName") == prediction.fields.at("label"));
    BOOST_TEST(native.at("confidence") == prediction.fields.at("confidence"));
    const std::string label_id{native.at("labelId").as_string()};
    BOOST_TEST(label_id.size() == 22U);
    BOOST_TEST(label_id.rfind("label_", 0) == 0U);

    auto u = upload("function_x", "Horse");
    u.original = true;
    u.job_id = "another-job";
    BOOST_TEST(u.run().original_response.at("annotation").at("labelId").as_string() == label_id);
    auto elsewhere = upload("function_y", "Horse");
    elsewhere.original = true;
    BOOST_TEST(elsewhere.run().original_response.at("annotation").at("labelId").as_string() !=
               label_id);
}

BOOST_AUTO_TEST_CASE(train_reports_the_trained_project_like_eden) {
    call c;
    c.feature = train_feature;
    c.params.set("project_id", "function_yfisrgk70k1iuroq");
    c.original = true;
    const auto result = c.run();
    BOOST_TEST(
        boost::json::serialize(result.fields) ==
        R"({"message":"Model is trained","name":null,"project_id":"function_yfisrgk70k1iuroq"})");
    BOOST_TEST(result.original_response.as_string() == "");
}

BOOST_AUTO_TEST_CASE(upload_data_echoes_the_label) {
    auto c = upload("function_z", "Cat");
    const auto result = c.run();
    BOOST_TEST(boost::json::serialize(result.fields) ==
               R"({"message":"Data uploaded successfully","label_name":"Cat"})");
    BOOST_TEST(result.original_response.is_null());
    c.original = true;
    const auto sample = c.run().original_response.as_object();
    BOOST_TEST(std::string{sample.at("id").as_string()}.rfind("sample_", 0) == 0U);
    BOOST_TEST(sample.at("label_name").as_string() == "Cat");
}

BOOST_AUTO_TEST_CASE(same_request_gives_identical_bytes_and_other_jobs_differ) {
    std::vector<call> calls{predict("p1", "IMG_1.jpg"), upload("p1", "Dog")};
    call train;
    train.feature = train_feature;
    train.params.set("project_id", "p1");
    calls.push_back(train);
    for (auto c : calls) {
        c.original = true;
        const auto first = serialized(c.run());
        BOOST_TEST(first == serialized(c.run()));
        auto other = c;
        other.job_id = "job-2";
        if (c.feature == train_feature) {
            BOOST_TEST(first == serialized(other.run())); // Eden's training answer is constant
        } else {
            BOOST_TEST(first != serialized(other.run()), c.feature);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(image_probe)

namespace {

void put_be(std::string& out, std::uint32_t value, int size) {
    for (int i = size - 1; i >= 0; --i) {
        out.push_back(static_cast<char>(value >> (8 * i) & 0xFF));
    }
}

std::string make_png(std::uint32_t width, std::uint32_t height) {
    std::string png{"\x89PNG\r\n\x1a\n", 8};
    put_be(png, 13, 4);
    png += "IHDR";
    put_be(png, width, 4);
    put_be(png, height, 4);
    png += std::string{'\x08', '\x02', '\0', '\0', '\0'};
    put_be(png, 0x12345678, 4); // CRC (not checked)
    return png + std::string(20, '\0');
}

std::string segment(std::uint8_t marker, const std::string& body) {
    std::string s{'\xFF', static_cast<char>(marker)};
    put_be(s, static_cast<std::uint32_t>(body.size() + 2), 2);
    return s + body;
}

// SOI, APP0 (JFIF), DQT, optional fill bytes, then a frame header of the given type.
std::string make_jpeg(std::uint8_t sof, std::uint32_t width, std::uint32_t height, bool fill) {
    std::string jpeg{'\xFF', '\xD8'};
    jpeg += segment(0xE0, std::string{"JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14});
    jpeg += segment(0xDB, std::string(65, '\x10'));
    if (fill) {
        jpeg += std::string{'\xFF', '\xFF'};
    }
    std::string frame{'\x08'};
    put_be(frame, height, 2);
    put_be(frame, width, 2);
    frame += std::string{'\x01', '\x01', '\x11', '\0'};
    jpeg += segment(sof, frame);
    jpeg += segment(0xDA, std::string(8, '\0'));
    return jpeg + std::string(50, '\x42') + std::string{'\xFF', '\xD9'};
}

input_file probe(std::string_view bytes) {
    // An exact-size heap copy, so a read past the end is caught by sanitizers.
    auto copy = std::make_unique<char[]>(bytes.size() + 1);
    std::copy(bytes.begin(), bytes.end(), copy.get());
    input_file file;
    emu::fake::probe_image(std::string_view{copy.get(), bytes.size()}, file);
    return file;
}

// Every prefix probes without reading out of bounds and finds the full size or nothing.
void check_truncations(const std::string& bytes) {
    const auto full = probe(bytes);
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        const auto partial = probe(std::string_view{bytes}.substr(0, n));
        BOOST_TEST(partial.width.has_value() == partial.height.has_value());
        if (partial.width) {
            BOOST_TEST(*partial.width == *full.width, "prefix " << n);
            BOOST_TEST(*partial.height == *full.height, "prefix " << n);
        }
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(png_ihdr_gives_the_size) {
    const auto file = probe(make_png(1920, 1080));
    BOOST_TEST(file.width.value_or(0) == 1920U);
    BOOST_TEST(file.height.value_or(0) == 1080U);
    check_truncations(make_png(3, 5));
}

BOOST_AUTO_TEST_CASE(jpeg_frame_header_gives_the_size) {
    for (const std::uint8_t sof : std::vector<std::uint8_t>{0xC0, 0xC1, 0xC2}) {
        for (const bool fill : {false, true}) {
            const auto file = probe(make_jpeg(sof, 640, 480, fill));
            BOOST_TEST(file.width.value_or(0) == 640U);
            BOOST_TEST(file.height.value_or(0) == 480U);
        }
    }
    check_truncations(make_jpeg(0xC2, 4000, 3000, true));
}

BOOST_AUTO_TEST_CASE(jpeg_without_frame_header_before_the_scan_has_no_size) {
    std::string jpeg{'\xFF', '\xD8'};
    jpeg += segment(0xC4, std::string(20, '\x01')); // DHT shares the SOF range but is not one
    jpeg += segment(0xDA, std::string(8, '\0'));
    BOOST_TEST(!probe(jpeg).width.has_value());
}

BOOST_AUTO_TEST_CASE(other_formats_and_garbage_are_left_alone) {
    const std::vector<std::string> others{"RIFF\x10\0\0\0WAVEfmt ",
                                          "%PDF-1.4\n",
                                          "GIF89a\x10\0\x10\0",
                                          std::string{"\x89PNG\r\n\x1a\n", 8},
                                          std::string{'\xFF', '\xD8'},
                                          ""};
    for (const auto& bytes : others) {
        BOOST_TEST(!probe(bytes).width.has_value());
    }
    emu::fake::rng gen{11};
    for (int i = 0; i < 2'000; ++i) {
        std::string bytes;
        const auto size = gen.below(200);
        for (std::uint64_t k = 0; k < size; ++k) {
            bytes.push_back(static_cast<char>(gen.below(256)));
        }
        if (i % 2 == 0 && bytes.size() > 3) {
            bytes.replace(0, 3, std::string{'\xFF', '\xD8', '\xFF'}); // garbage behind JPEG magic
        } else if (bytes.size() > 8) {
            bytes.replace(0, 8, std::string{"\x89PNG\r\n\x1a\n", 8});
        }
        const auto file = probe(bytes);
        BOOST_TEST(file.width.has_value() == file.height.has_value());
    }
}

BOOST_AUTO_TEST_SUITE_END()
