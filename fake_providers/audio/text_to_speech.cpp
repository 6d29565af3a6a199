#include "fake_providers/audio/text_to_speech.hpp"

#include "fake_providers/audio/transcript.hpp"
#include "fake_providers/audio/wav_synth.hpp"
#include "fake_providers/audio/word_lists.hpp"
#include "fake_providers/deterministic.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

namespace emu::fake {

namespace {

// The launch parameters that shape a recording, normalized.
struct speech_request {
    std::string_view text;
    std::string_view language; // "en", "fr", "es" or "de"
    bool male = false;
    std::int64_t rate = 0; // -100..100
    std::uint32_t sample_rate = 0;
    voice_recording voice;
};

// A voice name per language and gender, as Amazon Polly would pick.
std::string_view polly_voice(std::string_view language, bool male) {
    if (language == "fr") {
        return male ? "Remi" : "Lea";
    }
    if (language == "es") {
        return male ? "Sergio" : "Lucia";
    }
    if (language == "de") {
        return male ? "Daniel" : "Vicki";
    }
    return male ? "Matthew" : "Joanna";
}

std::string_view language_tag(std::string_view language) {
    if (language == "fr") {
        return "fr-FR";
    }
    if (language == "es") {
        return "es-ES";
    }
    if (language == "de") {
        return "de-DE";
    }
    return "en-US";
}

std::int64_t percent_param(const generation_request& request, std::string_view name) {
    return std::clamp<std::int64_t>(request.params.get_int(name).value_or(0), -100, 100);
}

// Duration follows the text (spoken_characters_per_second) and the rate: rate r speaks
// (1 + r/200) times as fast, the factor Eden uses for Lovo's speed. Pitch and volume shift the
// voice's fundamental and loudness by up to +-50 %. sampling_rate > 0 is clamped to 8-48 kHz.
speech_request read_request(const generation_request& request, std::uint32_t default_sample_rate) {
    speech_request out;
    out.text = request.params.get_or("text", "");
    out.language = words_for_language(request.params.get_or("language", "en")).code;
    out.male = request.params.get_or("option", "") == "MALE";
    out.rate = percent_param(request, "rate");
    const auto pitch = percent_param(request, "pitch");
    const auto volume = percent_param(request, "volume");
    const auto asked_rate = request.params.get_int("sampling_rate").value_or(0);
    out.sample_rate =
        asked_rate > 0
            ? static_cast<std::uint32_t>(std::clamp<std::int64_t>(asked_rate, 8'000, 48'000))
            : default_sample_rate;

    const std::uint64_t natural_ms =
        std::max<std::uint64_t>(300, code_points(out.text) * 1000 / spoken_characters_per_second);
    const auto speed_percent = static_cast<std::uint64_t>(200 + out.rate); // 100..300
    out.voice.sample_rate = out.sample_rate;
    out.voice.duration_ms = static_cast<std::uint32_t>(
        std::min<std::uint64_t>(natural_ms * 200 / speed_percent, max_speech_ms));
    out.voice.pitch_centihertz =
        static_cast<std::uint32_t>((out.male ? 12'000 : 21'000) * (200 + pitch) / 200);
    out.voice.amplitude = static_cast<std::int32_t>(12'000 * (200 + volume) / 200);
    out.voice.syllable_ms = static_cast<std::uint32_t>(200 * 200 / speed_percent);
    return out;
}

// Amazon Polly's SynthesisTask, which Eden returns as the original response.
boost::json::value polly_task(const generation_request& request,
                              const speech_request& speech,
                              const std::string& url) {
    return boost::json::object{{"Engine", "neural"},
                               {"TaskId", derived_uuid(request, "polly-task")},
                               {"TaskStatus", "completed"},
                               {"OutputUri", url},
                               {"RequestCharacters", code_points(speech.text)},
                               {"OutputFormat", "pcm"},
                               {"SampleRate", std::to_string(speech.sample_rate)},
                               {"TextType", "text"},
                               {"VoiceId", polly_voice(speech.language, speech.male)},
                               {"LanguageCode", language_tag(speech.language)}};
}

// 24 hex digits, like the MongoDB ids of Lovo jobs and speakers.
std::string object_id(const generation_request& request, std::string_view salt) {
    static constexpr std::string_view hex = "0123456789abcdef";
    auto gen = rng::for_result(request, salt);
    std::string id;
    for (int i = 0; i < 24; ++i) {
        id.push_back(hex[static_cast<std::size_t>(gen.below(16))]);
    }
    return id;
}

// A Lovo TTS job document.
boost::json::value
lovo_job(const generation_request& request, const speech_request& speech, const std::string& url) {
    return boost::json::object{
        {"id", object_id(request, "lovo-job")},
        {"type", "tts"},
        {"status", "done"},
        {"progress", 100},
        {"data",
         boost::json::array{boost::json::object{
             {"text", speech.text},
             {"speaker", object_id(request, speech.male ? "lovo-male" : "lovo-female")},
             {"speed", round_to(1.0 + static_cast<double>(speech.rate) / 200.0, 2)},
             {"urls", boost::json::array{url}}}}}};
}

using native_tts_builder = boost::json::value (*)(const generation_request&,
                                                  const speech_request&,
                                                  const std::string&);

// Always a WAV, whatever audio_format asks: the emulator only synthesizes PCM honestly.
// voice_type is 1 for every voice: Eden's amazon and lovoai code hard-codes it.
generated_result speak(const generation_request& request,
                       std::uint32_t default_sample_rate,
                       native_tts_builder native) {
    const auto speech = read_request(request, default_sample_rate);
    auto gen = rng::for_result(request, "voice");
    const auto wav = synthesize_wav(speech.voice, gen);
    const auto url = std::string{request.resource_url_base} + "/audio.wav";

    generated_result result;
    result.fields = {{"audio", base64_encode(wav)}, {"voice_type", 1}, {"audio_resource_url", url}};
    result.media_field = "audio";
    if (request.original_response) {
        result.original_response = native(request, speech, url);
    }
    return result;
}

generated_result amazon(const generation_request& request) {
    return speak(request, 16'000, polly_task);
}

// Lovo's sample answer is a 24 kHz WAV.
generated_result lovoai(const generation_request& request) {
    return speak(request, 24'000, lovo_job);
}

constexpr std::array own_generators{
    provider_generator{"amazon", amazon},
    provider_generator{"lovoai", lovoai},
};

} // namespace

generator_family text_to_speech_family() {
    return {.feature = "audio/text_to_speech_async", .specific = own_generators, .generic = amazon};
}

} // namespace emu::fake
