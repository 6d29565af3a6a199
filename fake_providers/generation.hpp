#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emu::fake {

// What the emulator keeps of a job's input file: metadata probed at launch, never the bytes.
struct input_file {
    std::string name;         // multipart file name, or the last path segment of file_url
    std::string content_type; // as sent by the client; may be empty
    std::uint64_t size = 0;   // bytes received; 0 when the file came as file_url
    bool from_url = false;
    std::optional<std::uint32_t> duration_ms; // audio or video duration, when a header tells it
    std::optional<std::uint32_t> sample_rate;
    std::optional<std::uint16_t> channels;
    std::optional<std::uint32_t> page_count; // PDF pages, when the file is a PDF
    std::optional<std::uint32_t> width;      // image or video frame size, when known
    std::optional<std::uint32_t> height;
};

// Validated launch parameters in normalized text form: integers in decimal, booleans as
// "true"/"false", JSON-typed fields as compact JSON text. Absent and null parameters are not
// stored. Kept packed in one string (a job keeps its parameters for life: one allocation, not
// one per name and value).
class launch_params {
public:
    void set(std::string name, std::string value);

    std::optional<std::string_view> get(std::string_view name) const;

    std::string_view get_or(std::string_view name, std::string_view fallback) const;

    std::optional<std::int64_t> get_int(std::string_view name) const;

    std::optional<double> get_number(std::string_view name) const;

    std::optional<bool> get_bool(std::string_view name) const;

    // Every (name, value) in the order first set.
    std::vector<std::pair<std::string_view, std::string_view>> entries() const;

private:
    // Calls visit(name, value, first, end) for each entry, where [first, end) is the entry's
    // span of packed_, until visit returns true.
    template <typename Visit>
    void visit_entries(Visit visit) const;

    static void append_field(std::string& out, std::string_view field);

    std::string packed_; // per entry: name length, name, value length, value (lengths 4 bytes)
};

// Everything a result generator may depend on. Same request, same bytes out.
struct generation_request {
    std::string_view feature;  // "audio/speech_to_text_async"
    std::string_view provider; // "amazon"
    std::string_view model;    // "" unless the client asked for "provider/model"
    std::string_view job_id;   // the job's public id
    std::uint64_t seed = 0;    // the emulator's --seed
    const launch_params& params;
    const input_file* file = nullptr; // nullptr when the job has no input file
    // Absolute URL under which the emulator serves this result's media, without a trailing
    // slash; a generator appends "/<file name with extension>" (the extension sets the type).
    std::string_view resource_url_base;
    bool original_response = false; // fill generated_result::original_response
};

// A provider's result: the feature fields in Eden's standardized order (without error, id,
// final_status) and, when asked, a provider-native original_response.
struct generated_result {
    boost::json::object fields;
    boost::json::value original_response;
    // Name of the field holding base64 media ("audio", "video", "document"), or empty.
    std::string media_field;
};

using generator = generated_result (*)(const generation_request&);

} // namespace emu::fake
