#include "fake_providers/image/automl_classification.hpp"

#include "fake_providers/deterministic.hpp"

#include <boost/json/object.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace emu::fake {

namespace {

// Labels a fake project is trained on when the image name does not suggest one.
constexpr std::string_view label_pool[] = {
    "Cat",    "Dog",   "Bird",  "Car",      "Bicycle", "Tree",     "Flower", "House",
    "Person", "Boat",  "Horse", "Chair",    "Cup",     "Shoe",     "Apple",  "Banana",
    "Plane",  "Train", "Truck", "Mountain", "Beach",   "Building", "Book",   "Laptop"};

// File name words that say nothing about the content ("IMG_0042.jpg").
constexpr std::string_view generic_words[] = {
    "img",    "image", "photo", "pic",  "picture", "file",     "test",     "sample",
    "dsc",    "dscn",  "pxl",   "scan", "upload",  "frame",    "capture",  "snapshot",
    "camera", "jpg",   "jpeg",  "png",  "tiff",    "untitled", "download", "screenshot"};

// Nyckel-style id: a prefix and 16 base-36 characters ("label_02c91lh4rrpyp30u"), from a hash.
std::string nyckel_id(std::string_view prefix, std::uint64_t hash) {
    static constexpr std::string_view alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::string id{prefix};
    for (int i = 0; i < 16; ++i) {
        if (i == 8) {
            hash = mix(hash, 0x5bd1e995);
        }
        id.push_back(alphabet[static_cast<std::size_t>(hash % alphabet.size())]);
        hash /= alphabet.size();
    }
    return id;
}

// A label's id depends only on its project and name, so uploads and predictions agree.
std::string
label_id(const generation_request& request, std::string_view project, std::string_view label) {
    return nyckel_id("label_", mix(mix(request.seed, fnv1a(project)), fnv1a(label)));
}

// Three distinct labels of the project, fixed by its id.
std::array<std::string_view, 3> project_labels(const generation_request& request,
                                               std::string_view project) {
    std::array<std::string_view, 3> labels;
    std::size_t count = 0;
    std::uint64_t hash = mix(request.seed, fnv1a(project));
    while (count < labels.size()) {
        hash = mix(hash, count);
        const auto candidate = label_pool[hash % std::size(label_pool)];
        if (std::find(labels.begin(),
                      labels.begin() + static_cast<std::ptrdiff_t>(count),
                      candidate) == labels.begin() + static_cast<std::ptrdiff_t>(count)) {
            labels[count++] = candidate;
        }
    }
    return labels;
}

std::string lower_ascii(std::string_view text) {
    std::string out{text};
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

// First meaningful word of the file stem, capitalized: "dog_03.jpg" -> "Dog"; empty for
// names like "IMG_0042.jpg".
std::string label_from_name(std::string_view name) {
    name = name.substr(0, name.rfind('.'));
    std::size_t pos = 0;
    while (pos < name.size()) {
        const auto is_letter = [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        };
        while (pos < name.size() && !is_letter(name[pos])) {
            ++pos;
        }
        const std::size_t begin = pos;
        while (pos < name.size() && is_letter(name[pos])) {
            ++pos;
        }
        const auto word = lower_ascii(name.substr(begin, pos - begin));
        bool generic = word.size() < 3;
        for (auto skip : generic_words) {
            generic = generic || word == skip;
        }
        if (!generic) {
            auto label = word;
            label[0] = static_cast<char>(label[0] - 'a' + 'A');
            return label;
        }
    }
    return {};
}

// Predicts the label the image's file name suggests, else one of the project's labels.
generated_result predict(const generation_request& request) {
    const auto project = request.params.get_or("project_id", "");
    auto gen = rng::for_result(request, "prediction");
    std::string label =
        request.file != nullptr ? label_from_name(request.file->name) : std::string{};
    if (label.empty()) {
        const auto labels = project_labels(request, project);
        label = std::string{labels[static_cast<std::size_t>(gen.below(labels.size()))]};
    }
    const double confidence = gen.uniform(0.55, 0.99);

    generated_result result;
    result.fields = {{"label", label}, {"confidence", confidence}};
    if (request.original_response) {
        result.original_response =
            boost::json::object{{"labelName", label},
                                {"labelId", label_id(request, project, label)},
                                {"confidence", confidence}};
    }
    return result;
}

// Eden answers training with a fixed message; its original response is an empty string.
generated_result train(const generation_request& request) {
    generated_result result;
    result.fields = {{"message", "Model is trained"},
                     {"name", nullptr},
                     {"project_id", request.params.get_or("project_id", "")}};
    if (request.original_response) {
        result.original_response = "";
    }
    return result;
}

// Echoes the uploaded label; the original response is Nyckel's new sample.
generated_result upload_data(const generation_request& request) {
    const auto project = request.params.get_or("project_id", "");
    const auto label = request.params.get_or("label", "");
    generated_result result;
    result.fields = {{"message", "Data uploaded successfully"}, {"label_name", label}};
    if (request.original_response) {
        auto gen = rng::for_result(request, "sample");
        result.original_response =
            boost::json::object{{"id", nyckel_id("sample_", gen.next())},
                                {"annotation", {{"labelId", label_id(request, project, label)}}},
                                {"label_name", label}};
    }
    return result;
}

} // namespace

std::vector<generator_family> automl_classification_families() {
    return {
        {.feature = "image/automl_classification/predict_async", .generic = predict},
        {.feature = "image/automl_classification/train_async", .generic = train},
        {.feature = "image/automl_classification/upload_data_async", .generic = upload_data},
    };
}

} // namespace emu::fake
