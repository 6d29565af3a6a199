#include "fake_providers/audio/speech_to_text_native.hpp"

#include "fake_providers/deterministic.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cmath>
#include <cstdint>
#include <string_view>
#include <utility>

namespace emu::fake {

namespace {

using json_array = boost::json::array;
using json_object = boost::json::object;

// Word index ranges [first, last) of the sentences ("." or "?" ends one).
std::vector<std::pair<std::size_t, std::size_t>> sentences(const transcript& spoken) {
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    std::size_t first = 0;
    for (std::size_t i = 0; i < spoken.words.size(); ++i) {
        const auto& mark = spoken.words[i].punctuation;
        if (mark == "." || mark == "?" || i + 1 == spoken.words.size()) {
            ranges.emplace_back(first, i + 1);
            first = i + 1;
        }
    }
    return ranges;
}

std::string sentence_text(const transcript& spoken, std::pair<std::size_t, std::size_t> range) {
    std::string text;
    for (std::size_t i = range.first; i < range.second; ++i) {
        if (i > range.first) {
            text.push_back(' ');
        }
        text += spoken.words[i].text + spoken.words[i].punctuation;
    }
    return text;
}

double seconds(std::uint64_t microseconds) {
    return round_to(static_cast<double>(microseconds) / 1e6, 3);
}

// "en" -> "en-US": the regional tag providers report.
std::string_view language_tag(std::string_view code) {
    if (code == "fr") {
        return "fr-FR";
    }
    if (code == "es") {
        return "es-ES";
    }
    if (code == "de") {
        return "de-DE";
    }
    return "en-US";
}

double average(const std::vector<double>& values) {
    double sum = 0;
    for (double v : values) {
        sum += v;
    }
    return values.empty() ? 0.0 : round_to(sum / static_cast<double>(values.size()), 4);
}

// Speaker label from a 0-based index: "A", "B"... (AssemblyAI), capped at "Z".
std::string letter_label(int speaker) {
    return std::string(1, static_cast<char>('A' + (speaker < 26 ? speaker : 25)));
}

// Amazon Transcribe writes confidences as strings: "0.998", "1.0".
std::string decimal_text(double value) {
    return format_seconds(static_cast<std::uint64_t>(std::llround(value * 1e6)), 3);
}

// Short lowercase alphanumeric id, like Speechmatics job ids ("8rzrm23gs8").
std::string short_id(const generation_request& request, std::string_view salt, std::size_t length) {
    static constexpr std::string_view alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    auto gen = rng::for_result(request, salt);
    std::string id;
    for (std::size_t i = 0; i < length; ++i) {
        id.push_back(alphabet[static_cast<std::size_t>(gen.below(alphabet.size()))]);
    }
    return id;
}

} // namespace

boost::json::value amazon_transcribe_response(const generation_request& request,
                                              const heard_speech& heard) {
    json_array items;
    for (std::size_t i = 0; i < heard.spoken.words.size(); ++i) {
        const auto& word = heard.spoken.words[i];
        const auto label = "spk_" + std::to_string(word.speaker);
        items.push_back(
            json_object{{"start_time", format_seconds(word.start_us, 3)},
                        {"end_time", format_seconds(word.end_us, 3)},
                        {"alternatives",
                         json_array{json_object{{"confidence", decimal_text(heard.confidences[i])},
                                                {"content", word.text}}}},
                        {"type", "pronunciation"},
                        {"speaker_label", label}});
        if (!word.punctuation.empty()) {
            items.push_back(json_object{
                {"alternatives",
                 json_array{json_object{{"confidence", "0.0"}, {"content", word.punctuation}}}},
                {"type", "punctuation"},
                {"speaker_label", label}});
        }
    }
    return json_object{
        {"jobName", derived_uuid(request, "amazon-transcribe-job")},
        {"accountId", "123456789012"},
        {"status", "COMPLETED"},
        {"results",
         json_object{{"transcripts", json_array{json_object{{"transcript", heard.text}}}},
                     {"speaker_labels", json_object{{"speakers", heard.spoken.speakers_used}}},
                     {"items", std::move(items)}}}};
}

boost::json::value assembly_transcript_response(const generation_request& request,
                                                const heard_speech& heard) {
    json_array words;
    for (std::size_t i = 0; i < heard.spoken.words.size(); ++i) {
        const auto& word = heard.spoken.words[i];
        words.push_back(json_object{{"text", word.text + word.punctuation},
                                    {"start", word.start_us / 1000},
                                    {"end", word.end_us / 1000},
                                    {"confidence", heard.confidences[i]},
                                    {"speaker", letter_label(word.speaker)}});
    }
    return json_object{{"id", derived_uuid(request, "assembly-transcript")},
                       {"status", "completed"},
                       {"language_code", heard.spoken.language},
                       {"audio_duration", heard.spoken.duration_ms / 1000},
                       {"text", heard.text},
                       {"confidence", average(heard.confidences)},
                       {"words", std::move(words)}};
}

boost::json::value deepgram_listen_response(const generation_request& request,
                                            const heard_speech& heard) {
    json_array words;
    for (std::size_t i = 0; i < heard.spoken.words.size(); ++i) {
        const auto& word = heard.spoken.words[i];
        words.push_back(json_object{{"word", lower_ascii(word.text)},
                                    {"start", seconds(word.start_us)},
                                    {"end", seconds(word.end_us)},
                                    {"confidence", heard.confidences[i]},
                                    {"speaker", word.speaker},
                                    {"punctuated_word", word.text + word.punctuation}});
    }
    const int channels =
        request.file != nullptr && request.file->channels ? *request.file->channels : 1;
    return json_object{
        {"metadata",
         json_object{
             {"request_id", derived_uuid(request, "deepgram-request")},
             {"duration", round_to(static_cast<double>(heard.spoken.duration_ms) / 1000.0, 3)},
             {"channels", channels}}},
        {"results",
         json_object{{"channels",
                      json_array{json_object{
                          {"alternatives",
                           json_array{json_object{{"transcript", heard.text},
                                                  {"confidence", average(heard.confidences)},
                                                  {"words", std::move(words)}}}}}}}}}};
}

boost::json::value gladia_transcription_response(const generation_request& request,
                                                 const heard_speech& heard) {
    json_array utterances;
    for (const auto& range : sentences(heard.spoken)) {
        const auto& first = heard.spoken.words[range.first];
        const auto& last = heard.spoken.words[range.second - 1];
        utterances.push_back(json_object{{"text", sentence_text(heard.spoken, range)},
                                         {"start", seconds(first.start_us)},
                                         {"end", seconds(last.end_us)},
                                         {"speaker", first.speaker},
                                         {"language", heard.spoken.language}});
    }
    return json_object{
        {"id", derived_uuid(request, "gladia-transcription")},
        {"status", "done"},
        {"result",
         json_object{{"metadata",
                      json_object{{"audio_duration",
                                   static_cast<double>(heard.spoken.duration_ms) / 1000.0}}},
                     {"transcription",
                      json_object{{"full_transcript", heard.text},
                                  {"languages", json_array{heard.spoken.language}},
                                  {"utterances", std::move(utterances)}}}}}};
}

boost::json::value gradium_stream_response(const generation_request& request,
                                           const heard_speech& heard) {
    // The ASR websocket's server messages in order, without the per-frame VAD "step" ones.
    json_array messages{json_object{{"type", "ready"},
                                    {"request_id", derived_uuid(request, "gradium-request")},
                                    {"model_name", "default"},
                                    {"sample_rate", 24000},
                                    {"frame_size", 1920},
                                    {"delay_in_frames", 0},
                                    {"text_stream_names", json_array{}}}};
    for (const auto& word : heard.spoken.words) {
        messages.push_back(json_object{{"type", "text"},
                                       {"text", word.text + word.punctuation},
                                       {"start_s", seconds(word.start_us)},
                                       {"stream_id", nullptr}});
        messages.push_back(json_object{
            {"type", "end_text"}, {"stop_s", seconds(word.end_us)}, {"stream_id", nullptr}});
    }
    messages.push_back(json_object{{"type", "end_of_stream"}});
    return messages;
}

boost::json::value google_recognize_response(const generation_request& request,
                                             const heard_speech& heard) {
    json_array results;
    for (const auto& range : sentences(heard.spoken)) {
        const auto end = heard.spoken.words[range.second - 1].end_us;
        results.push_back(json_object{
            {"alternatives",
             json_array{json_object{{"transcript", sentence_text(heard.spoken, range)},
                                    {"confidence", heard.confidences[range.first]}}}},
            {"resultEndTime", format_seconds(end, 3) + "s"},
            {"languageCode", lower_ascii(std::string{language_tag(heard.spoken.language)})}});
    }
    return json_object{
        {"name",
         "projects/148983085864/locations/global/operations/" +
             derived_uuid(request, "google-operation")},
        {"done", true},
        {"response",
         json_object{
             {"@type", "type.googleapis.com/google.cloud.speech.v1.LongRunningRecognizeResponse"},
             {"results", std::move(results)}}}};
}

boost::json::value microsoft_batch_response(const generation_request& request,
                                            const heard_speech& heard) {
    json_array phrases;
    for (const auto& range : sentences(heard.spoken)) {
        const auto& first = heard.spoken.words[range.first];
        const auto& last = heard.spoken.words[range.second - 1];
        const auto display = sentence_text(heard.spoken, range);
        phrases.push_back(
            json_object{{"recognitionStatus", "Success"},
                        {"channel", 0},
                        {"speaker", first.speaker + 1},
                        {"offsetInTicks", first.start_us * 10},
                        {"durationInTicks", (last.end_us - first.start_us) * 10},
                        {"nBest",
                         json_array{json_object{{"confidence", heard.confidences[range.first]},
                                                {"lexical", lower_ascii(display)},
                                                {"display", display}}}}});
    }
    return json_object{
        {"source", request.file != nullptr ? request.file->name : std::string{}},
        {"durationInTicks", static_cast<std::uint64_t>(heard.spoken.duration_ms) * 10'000},
        {"combinedRecognizedPhrases",
         json_array{json_object{
             {"channel", 0}, {"lexical", lower_ascii(heard.text)}, {"display", heard.text}}}},
        {"recognizedPhrases", std::move(phrases)}};
}

boost::json::value oneai_pipeline_response(const generation_request& request,
                                           const heard_speech& heard) {
    json_array contents;
    for (const auto& range : sentences(heard.spoken)) {
        contents.push_back(json_object{
            {"utterance", sentence_text(heard.spoken, range)},
            {"speaker", "speaker" + std::to_string(heard.spoken.words[range.first].speaker + 1)},
            {"timestamp", format_seconds(heard.spoken.words[range.first].start_us, 3)}});
    }
    return json_object{
        {"status", "COMPLETED"},
        {"task_id", derived_uuid(request, "oneai-task")},
        {"result",
         json_object{{"input_text", heard.text},
                     {"output", json_array{json_object{{"contents", std::move(contents)}}}}}}};
}

boost::json::value openai_whisper_response(const generation_request&, const heard_speech& heard) {
    const auto& code = heard.spoken.language;
    const std::string_view name = code == "fr"   ? "french"
                                  : code == "es" ? "spanish"
                                  : code == "de" ? "german"
                                                 : "english";
    return json_object{{"task", "transcribe"},
                       {"language", name},
                       {"duration", static_cast<double>(heard.spoken.duration_ms) / 1000.0},
                       {"text", heard.text}};
}

boost::json::value speechmatics_json_response(const generation_request& request,
                                              const heard_speech& heard) {
    json_array results;
    for (std::size_t i = 0; i < heard.spoken.words.size(); ++i) {
        const auto& word = heard.spoken.words[i];
        const auto speaker = "S" + std::to_string(word.speaker + 1);
        results.push_back(json_object{{"type", "word"},
                                      {"start_time", seconds(word.start_us)},
                                      {"end_time", seconds(word.end_us)},
                                      {"alternatives",
                                       json_array{json_object{{"content", word.text},
                                                              {"confidence", heard.confidences[i]},
                                                              {"language", heard.spoken.language},
                                                              {"speaker", speaker}}}}});
        if (!word.punctuation.empty()) {
            results.push_back(
                json_object{{"type", "punctuation"},
                            {"start_time", seconds(word.end_us)},
                            {"end_time", seconds(word.end_us)},
                            {"alternatives",
                             json_array{json_object{{"content", word.punctuation},
                                                    {"confidence", 1.0},
                                                    {"language", heard.spoken.language},
                                                    {"speaker", speaker}}}}});
        }
    }
    return json_object{
        {"format", "2.9"},
        {"job",
         json_object{{"id", short_id(request, "speechmatics-job", 10)},
                     {"duration", heard.spoken.duration_ms / 1000},
                     {"data_name", request.file != nullptr ? request.file->name : std::string{}}}},
        {"metadata",
         json_object{
             {"transcription_config",
              json_object{{"language", heard.spoken.language}, {"diarization", "speaker"}}}}},
        {"results", std::move(results)}};
}

boost::json::value symbl_messages_response(const generation_request& request,
                                           const heard_speech& heard) {
    json_array messages;
    const auto conversation = short_id(request, "symbl-conversation", 16);
    for (const auto& range : sentences(heard.spoken)) {
        const auto& first = heard.spoken.words[range.first];
        const auto& last = heard.spoken.words[range.second - 1];
        messages.push_back(json_object{
            {"id", short_id(request, "symbl-message-" + std::to_string(range.first), 16)},
            {"text", sentence_text(heard.spoken, range)},
            {"from", json_object{{"name", "Speaker " + std::to_string(first.speaker + 1)}}},
            {"timeOffset", seconds(first.start_us)},
            {"duration", seconds(last.end_us - first.start_us)},
            {"conversationId", conversation}});
    }
    return json_object{{"messages", std::move(messages)}};
}

boost::json::value voci_utterances_response(const generation_request&, const heard_speech& heard) {
    json_array utterances;
    for (const auto& range : sentences(heard.spoken)) {
        json_array events;
        for (std::size_t i = range.first; i < range.second; ++i) {
            const auto& word = heard.spoken.words[i];
            events.push_back(json_object{{"word", word.text + word.punctuation},
                                         {"start", seconds(word.start_us)},
                                         {"end", seconds(word.end_us)},
                                         {"confidence", heard.confidences[i]}});
        }
        utterances.push_back(json_object{
            {"start", seconds(heard.spoken.words[range.first].start_us)},
            {"end", seconds(heard.spoken.words[range.second - 1].end_us)},
            {"metadata", json_object{{"speaker", heard.spoken.words[range.first].speaker + 1}}},
            {"events", std::move(events)}});
    }
    return json_object{{"utterances", std::move(utterances)}};
}

boost::json::value voxist_transcription_response(const generation_request& request,
                                                 const heard_speech& heard) {
    json_array segments;
    for (const auto& range : sentences(heard.spoken)) {
        segments.push_back(
            json_object{{"speaker", heard.spoken.words[range.first].speaker},
                        {"start", seconds(heard.spoken.words[range.first].start_us)},
                        {"end", seconds(heard.spoken.words[range.second - 1].end_us)},
                        {"text", lower_ascii(sentence_text(heard.spoken, range))}});
    }
    return json_object{{"id", derived_uuid(request, "voxist-job")},
                       {"status", "done"},
                       {"lang", language_tag(heard.spoken.language)},
                       {"segments", std::move(segments)}};
}

boost::json::value generic_stt_response(const generation_request& request,
                                        const heard_speech& heard) {
    return json_object{{"id", derived_uuid(request, "stt-job")},
                       {"status", "completed"},
                       {"text", heard.text},
                       {"duration", static_cast<double>(heard.spoken.duration_ms) / 1000.0}};
}

} // namespace emu::fake
