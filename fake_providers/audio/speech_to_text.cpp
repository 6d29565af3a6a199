#include "fake_providers/audio/speech_to_text.hpp"

#include "fake_providers/audio/speech_to_text_native.hpp"
#include "fake_providers/audio/transcript.hpp"
#include "fake_providers/deterministic.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <array>
#include <string>

namespace emu::fake {

namespace {

// How a provider writes each diarization segment.
enum class segment_form {
    attached,            // "Hello," (punctuation glued to the word)
    lowercase_bare,      // "hello" (Deepgram, Voxist)
    leading_space,       // " Hello," after the first segment (Gladia)
    separate_punctuation // "Hello" then "," with a zero-length time span (Speechmatics)
};

// How a provider writes the full text.
enum class text_form {
    sentences,           // "Hello, how are you? Fine."
    unpunctuated,        // "hello, how are you fine" (Google: no sentence marks, no capitals)
    spaced_punctuation,  // " Hello , how are you ? Fine ." (Speechmatics)
    lowercase_words_only // "hello how are you fine" (Voxist)
};

// Whether diarization entries are returned.
enum class diarization_mode {
    entries,
    none,       // total_speakers 0, no entries (Google, OpenAI, OneAI samples)
    mono_only,  // entries for mono audio, an error message otherwise (Microsoft)
    one_speaker // entries, all of speaker one: word timings without diarization (Gradium)
};

// One provider's writing habits, read off its Eden sample.
struct stt_style {
    int time_decimals;
    int first_speaker; // 0 or 1
    double confidence_low;
    double confidence_high;
    int confidence_digits; // 0 keeps full double precision
    double certain_share;  // share of words with confidence exactly 1.0
    segment_form segments;
    text_form text;
    diarization_mode diarization;
    std::uint64_t frame_us = 0; // times fall on the model's frames of this length; 0: any time
};

constexpr stt_style amazon_style{3,
                                 1,
                                 0.90,
                                 1.0,
                                 3,
                                 0.0,
                                 segment_form::attached,
                                 text_form::sentences,
                                 diarization_mode::entries};
constexpr stt_style assembly_style{3,
                                   1,
                                   0.65,
                                   1.0,
                                   5,
                                   0.2,
                                   segment_form::attached,
                                   text_form::sentences,
                                   diarization_mode::entries};
constexpr stt_style deepgram_style{6,
                                   1,
                                   0.75,
                                   1.0,
                                   7,
                                   0.0,
                                   segment_form::lowercase_bare,
                                   text_form::sentences,
                                   diarization_mode::entries};
constexpr stt_style gladia_style{5,
                                 0,
                                 0.0,
                                 1.0,
                                 2,
                                 0.0,
                                 segment_form::leading_space,
                                 text_form::sentences,
                                 diarization_mode::entries};
// Gradium (a v3 provider) streams each word's start and stop in steps of its 80 ms frames,
// with no confidence (always 1.0) and no speakers.
constexpr stt_style gradium_style{2,
                                  1,
                                  1.0,
                                  1.0,
                                  0,
                                  1.0,
                                  segment_form::attached,
                                  text_form::sentences,
                                  diarization_mode::one_speaker,
                                  80'000};
constexpr stt_style google_style{2,
                                 1,
                                 0.85,
                                 1.0,
                                 4,
                                 0.0,
                                 segment_form::attached,
                                 text_form::unpunctuated,
                                 diarization_mode::none};
constexpr stt_style microsoft_style{2,
                                    1,
                                    0.80,
                                    1.0,
                                    4,
                                    0.0,
                                    segment_form::attached,
                                    text_form::sentences,
                                    diarization_mode::mono_only};
constexpr stt_style no_diarization_style{
    2, 1, 0.85, 1.0, 4, 0.0, segment_form::attached, text_form::sentences, diarization_mode::none};
constexpr stt_style speechmatics_style{2,
                                       1,
                                       0.60,
                                       0.99,
                                       2,
                                       0.85,
                                       segment_form::separate_punctuation,
                                       text_form::spaced_punctuation,
                                       diarization_mode::entries};
constexpr stt_style symbl_style{1,
                                1,
                                0.91,
                                0.91,
                                2,
                                0.0,
                                segment_form::attached,
                                text_form::sentences,
                                diarization_mode::entries};
constexpr stt_style voci_style{2,
                               1,
                               0.60,
                               1.0,
                               2,
                               0.1,
                               segment_form::attached,
                               text_form::sentences,
                               diarization_mode::entries};
constexpr stt_style voxist_style{2,
                                 0,
                                 0.10,
                                 1.0,
                                 0,
                                 0.0,
                                 segment_form::lowercase_bare,
                                 text_form::lowercase_words_only,
                                 diarization_mode::entries};
constexpr stt_style default_style{2,
                                  1,
                                  0.70,
                                  1.0,
                                  4,
                                  0.0,
                                  segment_form::attached,
                                  text_form::sentences,
                                  diarization_mode::entries};

// Vocabulary words keep their spelling even for providers that lowercase everything else.
std::string word_case(const spoken_word& word, bool lowercase) {
    return lowercase && !word.vocabulary ? lower_ascii(word.text) : word.text;
}

std::string render_text(const transcript& spoken, text_form form) {
    std::string text;
    bool sentence_start = true;
    for (const auto& word : spoken.words) {
        switch (form) {
        case text_form::sentences:
            text += (text.empty() ? "" : " ") + word.text + word.punctuation;
            break;
        case text_form::unpunctuated: {
            auto written = word.text;
            if (sentence_start && !word.vocabulary && !written.empty() && written[0] >= 'A' &&
                written[0] <= 'Z' && written != "I") {
                written[0] = static_cast<char>(written[0] - 'A' + 'a');
            }
            text += (text.empty() ? "" : " ") + written + (word.punctuation == "," ? "," : "");
            break;
        }
        case text_form::spaced_punctuation:
            text += " " + word.text + (word.punctuation.empty() ? "" : " " + word.punctuation);
            break;
        case text_form::lowercase_words_only:
            text += (text.empty() ? "" : " ") + word_case(word, true);
            break;
        }
        sentence_start = word.punctuation == "." || word.punctuation == "?";
    }
    return text;
}

std::vector<double> draw_confidences(const generation_request& request,
                                     const transcript& spoken,
                                     const stt_style& style) {
    auto gen = rng::for_result(request, "confidence");
    std::vector<double> confidences;
    confidences.reserve(spoken.words.size());
    for (std::size_t i = 0; i < spoken.words.size(); ++i) {
        double value = gen.chance(style.certain_share)
                           ? 1.0
                           : gen.uniform(style.confidence_low, style.confidence_high);
        if (style.confidence_digits > 0) {
            value = round_to(value, style.confidence_digits);
        }
        confidences.push_back(value);
    }
    return confidences;
}

boost::json::object entry(std::string segment,
                          std::uint64_t start_us,
                          std::uint64_t end_us,
                          int speaker,
                          double confidence,
                          const stt_style& style) {
    return boost::json::object{{"segment", std::move(segment)},
                               {"start_time", format_seconds(start_us, style.time_decimals)},
                               {"end_time", format_seconds(end_us, style.time_decimals)},
                               {"speaker", speaker},
                               {"confidence", confidence}};
}

boost::json::array diarization_entries(const heard_speech& heard, const stt_style& style) {
    boost::json::array entries;
    const auto& words = heard.spoken.words;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& word = words[i];
        const int speaker = word.speaker + style.first_speaker;
        std::string segment;
        switch (style.segments) {
        case segment_form::attached:
        case segment_form::separate_punctuation:
            segment = word.text;
            break;
        case segment_form::lowercase_bare:
            segment = word_case(word, true);
            break;
        case segment_form::leading_space:
            segment = (i == 0 ? "" : " ") + word.text;
            break;
        }
        if (style.segments == segment_form::attached ||
            style.segments == segment_form::leading_space) {
            segment += word.punctuation;
        }
        entries.push_back(entry(
            std::move(segment), word.start_us, word.end_us, speaker, heard.confidences[i], style));
        if (style.segments == segment_form::separate_punctuation && !word.punctuation.empty()) {
            entries.push_back(
                entry(word.punctuation, word.end_us, word.end_us, speaker, 1.0, style));
        }
    }
    return entries;
}

// The recording as a provider's model sees it: word times snapped down to its frames (still
// ordered and inside the audio), and one speaker for a provider that does not diarize.
transcript as_heard_by(transcript spoken, const stt_style& style) {
    for (auto& word : spoken.words) {
        if (style.frame_us > 0) {
            word.start_us -= word.start_us % style.frame_us;
            word.end_us -= word.end_us % style.frame_us;
        }
        if (style.diarization == diarization_mode::one_speaker) {
            word.speaker = 0;
        }
    }
    if (style.diarization == diarization_mode::one_speaker) {
        spoken.speakers_used = spoken.words.empty() ? 0 : 1;
    }
    return spoken;
}

// The shared speech-to-text generator, specialised by a provider's style and native format.
generated_result
transcribe(const generation_request& request, const stt_style& style, native_stt_builder native) {
    const auto spoken = as_heard_by(make_transcript(request), style);
    const heard_speech heard{
        spoken, render_text(spoken, style.text), draw_confidences(request, spoken, style)};
    const bool stereo = request.file != nullptr && request.file->channels.value_or(1) > 1;

    boost::json::object diarization;
    if (style.diarization == diarization_mode::none) {
        diarization = {
            {"total_speakers", 0}, {"entries", boost::json::array{}}, {"error_message", nullptr}};
    } else if (style.diarization == diarization_mode::mono_only && stereo) {
        diarization = {{"total_speakers", 0},
                       {"entries", boost::json::array{}},
                       {"error_message", "Use mono audio files for diarization"}};
    } else {
        diarization = {{"total_speakers", spoken.speakers_used},
                       {"entries", diarization_entries(heard, style)},
                       {"error_message", nullptr}};
    }

    generated_result result;
    result.fields = {{"text", heard.text}, {"diarization", std::move(diarization)}};
    if (request.original_response) {
        result.original_response = native(request, heard);
    }
    return result;
}

generated_result amazon(const generation_request& r) {
    return transcribe(r, amazon_style, amazon_transcribe_response);
}

generated_result assembly(const generation_request& r) {
    return transcribe(r, assembly_style, assembly_transcript_response);
}

generated_result deepgram(const generation_request& r) {
    return transcribe(r, deepgram_style, deepgram_listen_response);
}

generated_result gladia(const generation_request& r) {
    return transcribe(r, gladia_style, gladia_transcription_response);
}

generated_result gradium(const generation_request& r) {
    return transcribe(r, gradium_style, gradium_stream_response);
}

generated_result google(const generation_request& r) {
    return transcribe(r, google_style, google_recognize_response);
}

generated_result microsoft(const generation_request& r) {
    return transcribe(r, microsoft_style, microsoft_batch_response);
}

generated_result oneai(const generation_request& r) {
    return transcribe(r, no_diarization_style, oneai_pipeline_response);
}

generated_result openai(const generation_request& r) {
    return transcribe(r, no_diarization_style, openai_whisper_response);
}

generated_result speechmatics(const generation_request& r) {
    return transcribe(r, speechmatics_style, speechmatics_json_response);
}

generated_result symbl(const generation_request& r) {
    return transcribe(r, symbl_style, symbl_messages_response);
}

generated_result voci(const generation_request& r) {
    return transcribe(r, voci_style, voci_utterances_response);
}

generated_result voxist(const generation_request& r) {
    return transcribe(r, voxist_style, voxist_transcription_response);
}

generated_result any_provider(const generation_request& r) {
    return transcribe(r, default_style, generic_stt_response);
}

// Eden's own test provider: a fixed answer whatever the audio.
generated_result faker(const generation_request& request) {
    generated_result result;
    result.fields = {
        {"text", "empty"},
        {"diarization",
         {{"total_speakers", 1}, {"entries", boost::json::array{}}, {"error_message", nullptr}}}};
    if (request.original_response) {
        result.original_response = boost::json::object{};
    }
    return result;
}

constexpr std::array own_generators{
    provider_generator{"amazon", amazon},
    provider_generator{"assembly", assembly},
    provider_generator{"deepgram", deepgram},
    provider_generator{"faker", faker},
    provider_generator{"gladia", gladia},
    provider_generator{"google", google},
    provider_generator{"gradium", gradium},
    provider_generator{"microsoft", microsoft},
    provider_generator{"oneai", oneai},
    provider_generator{"openai", openai},
    provider_generator{"speechmatics", speechmatics},
    provider_generator{"symbl", symbl},
    provider_generator{"voci", voci},
    provider_generator{"voxist", voxist},
};

} // namespace

generator_family speech_to_text_family() {
    return {.feature = "audio/speech_to_text_async",
            .specific = own_generators,
            .generic = any_provider};
}

} // namespace emu::fake
