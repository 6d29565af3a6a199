#include "fake_providers/audio/audio_probe.hpp"
#include "fake_providers/audio/transcript.hpp"
#include "fake_providers/audio/word_lists.hpp"
#include "fake_providers/deterministic.hpp"
#include "tests/unit/fake_providers/table_generators.hpp"

#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
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
using emu::testing::providers_of;

constexpr std::string_view stt_feature = "audio/speech_to_text_async";
constexpr std::string_view tts_feature = "audio/text_to_speech_async";
constexpr std::string_view url_base = "http://localhost:8080/_emulator/media/job-1/amazon";

// One generator call with everything a test may vary.
struct call {
    std::string_view feature = stt_feature;
    std::string_view provider = "amazon";
    std::string job_id = "job-1";
    launch_params params;
    std::optional<input_file> file;
    bool original = false;

    generation_request request() const {
        generation_request r{
            feature, provider, "", job_id, 42, params, file ? &*file : nullptr, url_base, original};
        return r;
    }

    generated_result run() const {
        const auto fn = emu::testing::default_generators().find(feature, provider);
        BOOST_REQUIRE(fn != nullptr);
        return fn(request());
    }
};

input_file audio_file(std::string name, std::uint32_t duration_ms, std::uint16_t channels) {
    input_file f;
    f.name = std::move(name);
    f.size = static_cast<std::uint64_t>(duration_ms) * 32;
    f.duration_ms = duration_ms;
    f.sample_rate = 16000;
    f.channels = channels;
    return f;
}

// The inputs every provider is tried on: probed mono and stereo files, a URL without
// metadata, no file at all, and an upload whose header told nothing.
std::vector<std::optional<input_file>> sample_inputs() {
    input_file url;
    url.name = "call.mp3";
    url.from_url = true;
    input_file unknown;
    unknown.name = "voice.ogg";
    unknown.size = 160'000;
    return {audio_file("meeting.wav", 12'000, 1),
            audio_file("interview.mp3", 30'000, 2),
            url,
            std::nullopt,
            unknown};
}

std::string keys_of(const boost::json::object& o) {
    std::string keys;
    for (const auto& kv : o) {
        keys += std::string{kv.key()} + ",";
    }
    return keys;
}

std::vector<std::string> tokens(std::string_view text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto begin = text.find_first_not_of(' ', pos);
        if (begin == std::string_view::npos) {
            break;
        }
        const auto end = std::min(text.find(' ', begin), text.size());
        out.emplace_back(text.substr(begin, end - begin));
        pos = end;
    }
    return out;
}

// Words of a text, punctuation-only tokens (Speechmatics " , ") left out.
std::size_t word_count(std::string_view text) {
    const auto all = tokens(text);
    return static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [](const std::string& t) {
        return t != "," && t != "." && t != "?";
    }));
}

std::string bare_lower(std::string word) {
    while (!word.empty() && (word.back() == ',' || word.back() == '.' || word.back() == '?')) {
        word.pop_back();
    }
    for (char& c : word) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return word;
}

double seconds_of(const boost::json::value& v) {
    return std::stod(std::string{v.as_string()});
}

// Structural checks shared by every speech-to-text result.
void check_stt_shape(const generated_result& result) {
    const auto& fields = result.fields;
    BOOST_TEST(keys_of(fields) == "text,diarization,");
    BOOST_TEST(fields.at("text").is_string());
    const auto& diarization = fields.at("diarization").as_object();
    BOOST_TEST(keys_of(diarization) == "total_speakers,entries,error_message,");
    BOOST_TEST(diarization.at("total_speakers").is_int64());
    BOOST_TEST(
        (diarization.at("error_message").is_null() || diarization.at("error_message").is_string()));
    for (const auto& e : diarization.at("entries").as_array()) {
        const auto& entry = e.as_object();
        BOOST_TEST(keys_of(entry) == "segment,start_time,end_time,speaker,confidence,");
        BOOST_TEST(entry.at("segment").is_string());
        BOOST_TEST(entry.at("start_time").is_string());
        BOOST_TEST(entry.at("end_time").is_string());
        BOOST_TEST(entry.at("speaker").is_int64());
        BOOST_TEST(entry.at("confidence").is_double());
        const double confidence = entry.at("confidence").as_double();
        BOOST_TEST((confidence >= 0.0 && confidence <= 1.0));
    }
}

// Diarization timing: within the audio, each entry ordered and not overlapping the next.
void check_timeline(const boost::json::array& entries, double duration_s) {
    double previous_end = 0;
    for (const auto& e : entries) {
        const auto& entry = e.as_object();
        const double start = seconds_of(entry.at("start_time"));
        const double end = seconds_of(entry.at("end_time"));
        BOOST_TEST(start >= previous_end);
        BOOST_TEST(end >= start);
        BOOST_TEST(end <= duration_s + 1e-9);
        previous_end = end;
    }
}

std::set<std::int64_t> speakers_of(const boost::json::array& entries) {
    std::set<std::int64_t> speakers;
    for (const auto& e : entries) {
        speakers.insert(e.as_object().at("speaker").as_int64());
    }
    return speakers;
}

std::string serialized(const generated_result& r) {
    return boost::json::serialize(r.fields) + "|" + boost::json::serialize(r.original_response) +
           "|" + r.media_field;
}

bool has_profanity(const std::string& text) {
    const auto& en = emu::fake::words_for_language("en");
    for (const auto& t : tokens(text)) {
        const auto word = bare_lower(t);
        if (std::find(en.profanities.begin(), en.profanities.end(), word) != en.profanities.end()) {
            return true;
        }
    }
    return false;
}

// Little-endian field of a byte string (WAV headers).
std::uint32_t le(const std::string& bytes, std::size_t offset, int size) {
    std::uint32_t value = 0;
    for (int i = size - 1; i >= 0; --i) {
        value =
            value << 8 | static_cast<unsigned char>(bytes[offset + static_cast<std::size_t>(i)]);
    }
    return value;
}

std::string decoded_audio(const generated_result& r) {
    std::string wav;
    BOOST_REQUIRE(emu::fake::base64_decode(r.fields.at("audio").as_string(), wav));
    return wav;
}

// Duration of a (validated) 16-bit mono WAV in milliseconds.
std::uint64_t wav_duration_ms(const std::string& wav) {
    return static_cast<std::uint64_t>(le(wav, 40, 4)) / 2 * 1000 / le(wav, 24, 4);
}

} // namespace

BOOST_AUTO_TEST_SUITE(speech_to_text_generators)

BOOST_AUTO_TEST_CASE(every_provider_returns_eden_shaped_fields_for_every_input) {
    for (const auto& provider : providers_of(stt_feature)) {
        for (const auto& file : sample_inputs()) {
            call c;
            c.provider = provider;
            c.file = file;
            BOOST_TEST_CONTEXT(provider << " " << (file ? file->name : "no file")) {
                const auto result = c.run();
                check_stt_shape(result);
                BOOST_TEST(result.original_response.is_null());
                BOOST_TEST(result.media_field.empty());
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(diarization_times_stay_ordered_inside_the_audio) {
    for (const auto& provider : providers_of(stt_feature)) {
        for (const auto& file : sample_inputs()) {
            call c;
            c.provider = provider;
            c.file = file;
            const double duration_s = emu::fake::audio_duration_ms(c.request()) / 1000.0;
            BOOST_TEST_CONTEXT(provider << " " << (file ? file->name : "no file")) {
                const auto result = c.run();
                check_timeline(result.fields.at("diarization").at("entries").as_array(),
                               duration_s);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(transcript_length_follows_the_audio_duration) {
    for (const std::uint32_t duration_ms : {4'000U, 12'000U, 60'000U}) {
        for (const auto& provider : providers_of(stt_feature)) {
            if (provider == "faker") {
                continue;
            }
            call c;
            c.provider = provider;
            c.file = audio_file("a.wav", duration_ms, 1);
            const auto expected = static_cast<std::size_t>(duration_ms / 1000.0 * 2.5 + 0.5);
            BOOST_TEST_CONTEXT(provider << " " << duration_ms << " ms") {
                BOOST_TEST(word_count(c.run().fields.at("text").as_string()) == expected);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(duration_is_estimated_from_the_size_when_no_header_tells_it) {
    call c;
    input_file f;
    f.name = "voice.m4a";
    f.size = 320'000; // 20 s at the assumed 16,000 bytes per second
    c.file = f;
    BOOST_TEST(emu::fake::audio_duration_ms(c.request()) == 20'000U);
    BOOST_TEST(word_count(c.run().fields.at("text").as_string()) == 50U);
}

BOOST_AUTO_TEST_CASE(hour_long_audio_is_capped_but_spread_over_the_whole_duration) {
    call c;
    c.file = audio_file("long.wav", 3'600'000, 1);
    const auto result = c.run();
    const auto& entries = result.fields.at("diarization").at("entries").as_array();
    BOOST_TEST(entries.size() == emu::fake::max_transcript_words);
    check_timeline(entries, 3600.0);
    BOOST_TEST(seconds_of(entries.back().at("end_time")) > 3000.0);
}

BOOST_AUTO_TEST_CASE(speakers_parameter_bounds_the_distinct_speakers) {
    for (const std::int64_t speakers : {1, 2, 4}) {
        for (const auto& provider : providers_of(stt_feature)) {
            call c;
            c.provider = provider;
            c.file = audio_file("a.wav", 60'000, 1);
            c.params.set("speakers", std::to_string(speakers));
            const auto result = c.run();
            const auto& diarization = result.fields.at("diarization").as_object();
            const auto& entries = diarization.at("entries").as_array();
            if (entries.empty()) {
                continue;
            }
            const auto used = speakers_of(entries);
            BOOST_TEST_CONTEXT(provider << " speakers=" << speakers) {
                BOOST_TEST(used.size() <= static_cast<std::size_t>(speakers));
                BOOST_TEST(diarization.at("total_speakers").as_int64() ==
                           static_cast<std::int64_t>(used.size()));
                const std::int64_t first = provider == "gladia" || provider == "voxist" ? 0 : 1;
                BOOST_TEST(*used.begin() >= first);
                BOOST_TEST(*used.rbegin() < first + speakers);
                if (speakers > 1) {
                    BOOST_TEST(used.size() > 1U); // a minute of talk has several turns
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(providers_without_diarization_follow_their_samples) {
    for (const auto* provider : {"google", "openai", "oneai"}) {
        call c;
        c.provider = provider;
        c.file = audio_file("a.wav", 10'000, 1);
        const auto result = c.run();
        const auto& diarization = result.fields.at("diarization").as_object();
        BOOST_TEST(diarization.at("total_speakers").as_int64() == 0);
        BOOST_TEST(diarization.at("entries").as_array().empty());
        BOOST_TEST(diarization.at("error_message").is_null());
    }
}

BOOST_AUTO_TEST_CASE(microsoft_refuses_to_diarize_stereo_audio) {
    call c;
    c.provider = "microsoft";
    c.file = audio_file("stereo.wav", 10'000, 2);
    const auto stereo = c.run();
    const auto& diarization = stereo.fields.at("diarization").as_object();
    BOOST_TEST(diarization.at("total_speakers").as_int64() == 0);
    BOOST_TEST(diarization.at("entries").as_array().empty());
    BOOST_TEST(diarization.at("error_message").as_string() ==
               "Use mono audio files for diarization");
    BOOST_TEST(!stereo.fields.at("text").as_string().empty());

    c.file = audio_file("mono.wav", 10'000, 1);
    const auto mono = c.run();
    BOOST_TEST(!mono.fields.at("diarization").at("entries").as_array().empty());
    BOOST_TEST(mono.fields.at("diarization").at("error_message").is_null());
}

BOOST_AUTO_TEST_CASE(faker_always_answers_empty_with_one_speaker) {
    for (const auto& file : sample_inputs()) {
        call c;
        c.provider = "faker";
        c.file = file;
        c.original = true;
        const auto result = c.run();
        BOOST_TEST(
            boost::json::serialize(result.fields) ==
            R"({"text":"empty","diarization":{"total_speakers":1,"entries":[],"error_message":null}})");
        BOOST_TEST(boost::json::serialize(result.original_response) == "{}");
    }
}

BOOST_AUTO_TEST_CASE(language_parameter_selects_the_word_list) {
    for (const auto* language : {"en", "fr-FR", "es", "de", "ja"}) {
        call c;
        c.file = audio_file("a.wav", 30'000, 1);
        c.params.set("language", language);
        const auto& list = emu::fake::words_for_language(language);
        BOOST_TEST((std::string{language} == "ja"
                        ? list.code == "en"
                        : list.code == std::string{language}.substr(0, 2)));
        std::set<std::string> known;
        for (auto w : list.words) {
            known.insert(bare_lower(std::string{w}));
        }
        for (auto w : list.profanities) {
            known.insert(bare_lower(std::string{w}));
        }
        BOOST_TEST_CONTEXT(language) {
            for (const auto& t : tokens(c.run().fields.at("text").as_string())) {
                BOOST_TEST(known.count(bare_lower(t)) == 1U, t);
            }
        }
    }
    call english;
    english.file = audio_file("a.wav", 30'000, 1);
    call french = english;
    french.params.set("language", "fr");
    BOOST_TEST(english.run().fields.at("text") != french.run().fields.at("text"));
}

BOOST_AUTO_TEST_CASE(custom_vocabulary_appears_verbatim_in_every_transcript) {
    for (const std::uint32_t duration_ms : {1'000U, 15'000U}) {
        for (const auto& provider : providers_of(stt_feature)) {
            if (provider == "faker") {
                continue;
            }
            call c;
            c.provider = provider;
            c.file = audio_file("a.wav", duration_ms, 1);
            c.params.set("custom_vocabulary", "Eden AI, kubernetes ,Zyxwv, QuantumLeap");
            const auto result = c.run();
            const std::string text{result.fields.at("text").as_string()};
            BOOST_TEST_CONTEXT(provider << " " << duration_ms << " ms") {
                for (const auto* term : {"Eden AI", "kubernetes", "Zyxwv", "QuantumLeap"}) {
                    BOOST_TEST(text.find(term) != std::string::npos, term << " in " << text);
                }
                std::string segments;
                for (const auto& e : result.fields.at("diarization").at("entries").as_array()) {
                    segments += std::string{e.at("segment").as_string()} + " ";
                }
                if (!segments.empty()) {
                    BOOST_TEST(segments.find("Zyxwv") != std::string::npos);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(the_v3_vocabulary_array_is_honoured_and_wins_over_custom_vocabulary) {
    for (const auto& provider : providers_of(stt_feature)) {
        if (provider == "faker") {
            continue;
        }
        call c;
        c.provider = provider;
        c.file = audio_file("a.wav", 15'000, 1);
        // Items are whole phrases: a comma inside one does not split it.
        c.params.set("vocabulary", R"(["Eden AI","Zyxwv, Inc.",7,"QuantumLeap"])");
        c.params.set("custom_vocabulary", "Xylophonist");
        const std::string text{c.run().fields.at("text").as_string()};
        BOOST_TEST_CONTEXT(provider) {
            for (const auto* term : {"Eden AI", "Zyxwv, Inc.", "QuantumLeap"}) {
                BOOST_TEST(text.find(term) != std::string::npos, term << " in " << text);
            }
            BOOST_TEST(text.find("Xylophonist") == std::string::npos);
        }
        // A vocabulary that is not a JSON array is read as comma-separated text.
        c.params = launch_params{};
        c.params.set("vocabulary", "Eden AI, QuantumLeap");
        const std::string plain{c.run().fields.at("text").as_string()};
        BOOST_TEST(plain.find("QuantumLeap") != std::string::npos, provider << ": " << plain);
    }
}

BOOST_AUTO_TEST_CASE(profanity_filter_masks_profane_words_in_place) {
    // Find a job whose recording swears, then transcribe it again with the filter on.
    std::optional<std::string> job;
    for (int i = 0; i < 200 && !job; ++i) {
        call c;
        c.job_id = "swear-" + std::to_string(i);
        c.file = audio_file("a.wav", 20'000, 1);
        if (has_profanity(std::string{c.run().fields.at("text").as_string()})) {
            job = std::string{c.job_id};
        }
    }
    BOOST_REQUIRE(job.has_value());
    for (const auto& provider : providers_of(stt_feature)) {
        if (provider == "faker") {
            continue;
        }
        call raw;
        raw.provider = provider;
        raw.job_id = *job;
        raw.file = audio_file("a.wav", 20'000, 1);
        call filtered = raw;
        filtered.params.set("profanity_filter", "true");
        const auto plain_tokens = tokens(raw.run().fields.at("text").as_string());
        const auto masked_text = std::string{filtered.run().fields.at("text").as_string()};
        const auto masked_tokens = tokens(masked_text);
        BOOST_TEST_CONTEXT(provider) {
            BOOST_TEST(!has_profanity(masked_text));
            BOOST_REQUIRE(plain_tokens.size() == masked_tokens.size());
            bool masked_any = false;
            for (std::size_t i = 0; i < plain_tokens.size(); ++i) {
                if (has_profanity(plain_tokens[i])) {
                    const auto word = bare_lower(plain_tokens[i]);
                    BOOST_TEST(masked_tokens[i].substr(0, 1) == plain_tokens[i].substr(0, 1));
                    BOOST_TEST(masked_tokens[i].find(std::string(word.size() - 1, '*')) == 1U);
                    masked_any = true;
                } else {
                    BOOST_TEST(masked_tokens[i] == plain_tokens[i]);
                }
            }
            BOOST_TEST(masked_any);
        }
    }
}

BOOST_AUTO_TEST_CASE(same_request_gives_identical_bytes_and_other_jobs_differ) {
    for (const auto& provider : providers_of(stt_feature)) {
        call c;
        c.provider = provider;
        c.file = audio_file("a.wav", 8'000, 1);
        c.original = true;
        const auto first = serialized(c.run());
        BOOST_TEST(first == serialized(c.run()));
        call other = c;
        other.job_id = "job-2";
        if (provider != "faker") {
            BOOST_TEST(first != serialized(other.run()), provider);
        }
    }
}

BOOST_AUTO_TEST_CASE(providers_of_one_job_hear_the_same_words) {
    call amazon;
    amazon.file = audio_file("a.wav", 10'000, 1);
    call assembly = amazon;
    assembly.provider = "assembly";
    BOOST_TEST(amazon.run().fields.at("text") == assembly.run().fields.at("text"));
}

BOOST_AUTO_TEST_CASE(original_response_is_a_provider_document_only_when_asked) {
    for (const auto& provider : providers_of(stt_feature)) {
        call c;
        c.provider = provider;
        c.file = audio_file("a.wav", 6'000, 1);
        c.original = true;
        const auto result = c.run();
        BOOST_TEST(result.original_response.is_object(), provider);
        if (provider != "faker") {
            BOOST_TEST(!result.original_response.as_object().empty(), provider);
        }
    }
    call amazon;
    amazon.file = audio_file("a.wav", 6'000, 1);
    amazon.original = true;
    const auto result = amazon.run();
    BOOST_TEST(result.original_response.at("results").at("transcripts").at(0).at("transcript") ==
               result.fields.at("text"));
}

BOOST_AUTO_TEST_CASE(seconds_are_written_like_provider_samples) {
    using emu::fake::format_seconds;
    BOOST_TEST(format_seconds(0, 2) == "0.0");
    BOOST_TEST(format_seconds(470'000, 2) == "0.47");
    BOOST_TEST(format_seconds(3'100'000, 3) == "3.1");
    BOOST_TEST(format_seconds(9'000, 3) == "0.009");
    BOOST_TEST(format_seconds(1'234'567, 6) == "1.234567");
    BOOST_TEST(format_seconds(999'999, 1) == "0.9");
    BOOST_TEST(format_seconds(12'000'000, 5) == "12.0");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(text_to_speech_generators)

namespace {

call tts(std::string_view provider, std::string text) {
    call c;
    c.feature = tts_feature;
    c.provider = provider;
    c.params.set("text", std::move(text));
    return c;
}

// Checks the RIFF header against the file and returns the sample rate.
std::uint32_t check_wav(const std::string& wav) {
    BOOST_REQUIRE(wav.size() >= 44U);
    BOOST_TEST(wav.substr(0, 4) == "RIFF");
    BOOST_TEST(le(wav, 4, 4) == wav.size() - 8);
    BOOST_TEST(wav.substr(8, 8) == "WAVEfmt ");
    BOOST_TEST(le(wav, 16, 4) == 16U);
    BOOST_TEST(le(wav, 20, 2) == 1U); // PCM
    BOOST_TEST(le(wav, 22, 2) == 1U); // mono
    const auto rate = le(wav, 24, 4);
    BOOST_TEST(le(wav, 28, 4) == rate * 2);
    BOOST_TEST(le(wav, 32, 2) == 2U);
    BOOST_TEST(le(wav, 34, 2) == 16U);
    BOOST_TEST(wav.substr(36, 4) == "data");
    BOOST_TEST(le(wav, 40, 4) == wav.size() - 44);
    return rate;
}

// Expected length: 15 characters per second, divided by (1 + rate/200), capped at 30 s.
std::uint64_t expected_ms(std::size_t characters, int rate) {
    const std::uint64_t natural = std::max<std::uint64_t>(300, characters * 1000 / 15);
    return std::min<std::uint64_t>(natural * 200 / static_cast<std::uint64_t>(200 + rate), 30'000);
}

std::size_t zero_crossings(const std::string& wav) {
    std::size_t count = 0;
    int previous = 0;
    for (std::size_t i = 44; i + 1 < wav.size(); i += 2) {
        const auto sample = static_cast<std::int16_t>(le(wav, i, 2));
        const int sign = sample > 0 ? 1 : (sample < 0 ? -1 : 0);
        if (sign != 0 && previous != 0 && sign != previous) {
            ++count;
        }
        previous = sign != 0 ? sign : previous;
    }
    return count;
}

} // namespace

BOOST_AUTO_TEST_CASE(every_provider_returns_a_decodable_wav_and_its_url) {
    for (const auto& provider : providers_of(tts_feature)) {
        auto c = tts(provider, "Hello world, this is a test of the emulator.");
        const auto result = c.run();
        BOOST_TEST(keys_of(result.fields) == "audio,voice_type,audio_resource_url,");
        BOOST_TEST(result.fields.at("voice_type").as_int64() == 1);
        BOOST_TEST(result.fields.at("audio_resource_url").as_string() ==
                   std::string{url_base} + "/audio.wav");
        BOOST_TEST(result.media_field == "audio");
        const auto wav = decoded_audio(result);
        BOOST_TEST(check_wav(wav) == (provider == "lovoai" ? 24'000U : 16'000U), provider);
        BOOST_TEST(result.original_response.is_null());
    }
}

BOOST_AUTO_TEST_CASE(audio_length_follows_text_length_and_rate) {
    const std::string sentence = "The quick brown fox jumps over the lazy dog. ";
    for (const auto& provider : providers_of(tts_feature)) {
        for (const std::size_t repeats : {1U, 3U, 6U, 40U}) {
            std::string text;
            for (std::size_t i = 0; i < repeats; ++i) {
                text += sentence;
            }
            for (const int rate : {-100, -50, 0, 50, 100}) {
                auto c = tts(provider, text);
                c.params.set("rate", std::to_string(rate));
                const auto wav = decoded_audio(c.run());
                check_wav(wav);
                BOOST_TEST_CONTEXT(provider << " " << text.size() << " chars, rate " << rate) {
                    const auto actual = wav_duration_ms(wav);
                    const auto expected = expected_ms(text.size(), rate);
                    BOOST_TEST(actual + 1 >= expected);
                    BOOST_TEST(actual <= expected + 1);
                }
            }
        }
        auto slow = tts(provider, sentence + sentence);
        auto fast = slow;
        fast.params.set("rate", "100");
        BOOST_TEST(wav_duration_ms(decoded_audio(fast.run())) <
                   wav_duration_ms(decoded_audio(slow.run())));
    }
}

BOOST_AUTO_TEST_CASE(characters_not_bytes_set_the_length) {
    auto ascii = tts("amazon", std::string(150, 'e'));
    std::string accented;
    for (int i = 0; i < 150; ++i) {
        accented += "\xc3\xa9"; // é
    }
    auto utf8 = tts("amazon", accented);
    BOOST_TEST(wav_duration_ms(decoded_audio(ascii.run())) ==
               wav_duration_ms(decoded_audio(utf8.run())));
}

BOOST_AUTO_TEST_CASE(sampling_rate_parameter_is_honoured_within_sane_bounds) {
    const std::vector<std::pair<std::string, std::uint32_t>> cases{
        {"0", 16'000}, {"22050", 22'050}, {"100", 8'000}, {"200000", 48'000}};
    for (const auto& [asked, expected] : cases) {
        auto c = tts("amazon", "Short text.");
        c.params.set("sampling_rate", asked);
        BOOST_TEST(check_wav(decoded_audio(c.run())) == expected, asked);
    }
}

BOOST_AUTO_TEST_CASE(the_wav_is_audible_and_the_voice_option_changes_its_pitch) {
    auto female = tts("amazon", "A sentence long enough to hear the voice of the speaker.");
    female.params.set("option", "FEMALE");
    auto male = female;
    male.params.set("option", "MALE");
    const auto female_wav = decoded_audio(female.run());
    const auto male_wav = decoded_audio(male.run());
    int peak = 0;
    for (std::size_t i = 44; i + 1 < female_wav.size(); i += 2) {
        peak = std::max(
            peak, std::abs(static_cast<int>(static_cast<std::int16_t>(le(female_wav, i, 2)))));
    }
    BOOST_TEST(peak > 4'000);
    BOOST_TEST(zero_crossings(male_wav) * 3 < zero_crossings(female_wav) * 2);
}

BOOST_AUTO_TEST_CASE(probing_the_generated_wav_finds_its_duration) {
    auto c = tts("lovoai", "Probe me, please, I am a generated recording.");
    const auto wav = decoded_audio(c.run());
    input_file probed;
    emu::fake::probe_audio(wav, probed);
    BOOST_TEST(probed.duration_ms.value_or(0) == wav_duration_ms(wav));
    BOOST_TEST(probed.sample_rate.value_or(0) == 24'000U);
    BOOST_TEST(probed.channels.value_or(0) == 1U);
}

BOOST_AUTO_TEST_CASE(same_request_gives_identical_audio_and_other_jobs_differ) {
    for (const auto& provider : providers_of(tts_feature)) {
        auto c = tts(provider, "Determinism matters.");
        c.original = true;
        const auto first = serialized(c.run());
        BOOST_TEST(first == serialized(c.run()));
        auto other = c;
        other.job_id = "job-2";
        BOOST_TEST(first != serialized(other.run()));
    }
}

BOOST_AUTO_TEST_CASE(original_responses_look_like_polly_and_lovo_jobs) {
    auto amazon = tts("amazon", "Bonjour tout le monde");
    amazon.params.set("language", "fr-FR");
    amazon.params.set("option", "MALE");
    amazon.original = true;
    const auto polly = amazon.run().original_response.as_object();
    BOOST_TEST(polly.at("TaskStatus").as_string() == "completed");
    BOOST_TEST(polly.at("RequestCharacters").as_uint64() == 21U);
    BOOST_TEST(polly.at("VoiceId").as_string() == "Remi");
    BOOST_TEST(polly.at("OutputUri").as_string() == std::string{url_base} + "/audio.wav");

    auto lovo = tts("lovoai", "Hi");
    lovo.params.set("rate", "50");
    lovo.original = true;
    const auto job = lovo.run().original_response.as_object();
    BOOST_TEST(job.at("status").as_string() == "done");
    BOOST_TEST(job.at("data").at(0).at("speed").as_double() == 1.25);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(audio_probe)

namespace {

void put_le(std::string& out, std::uint32_t value, int size) {
    for (int i = 0; i < size; ++i) {
        out.push_back(static_cast<char>(value >> (8 * i) & 0xFF));
    }
}

void put_be(std::string& out, std::uint64_t value, int size) {
    for (int i = size - 1; i >= 0; --i) {
        out.push_back(static_cast<char>(value >> (8 * i) & 0xFF));
    }
}

// A WAV with an odd-sized LIST chunk before the data; declared_data may exceed what is written.
std::string make_wav(std::uint32_t rate,
                     std::uint16_t channels,
                     std::uint32_t data_bytes,
                     std::uint32_t declared_data) {
    std::string wav = "RIFF";
    put_le(wav, 36 + 9 + 1 + 8 + declared_data, 4);
    wav += "WAVEfmt ";
    put_le(wav, 16, 4);
    put_le(wav, 1, 2);
    put_le(wav, channels, 2);
    put_le(wav, rate, 4);
    put_le(wav, rate * channels * 2, 4);
    put_le(wav, channels * 2U, 2);
    put_le(wav, 16, 2);
    wav += "LIST";
    put_le(wav, 9, 4);
    wav += "INFOabcde";
    wav.push_back('\0'); // pad byte of the odd-sized chunk
    wav += "data";
    put_le(wav, declared_data, 4);
    wav += std::string(data_bytes, '\x01');
    return wav;
}

std::string id3_tag(std::size_t payload) {
    std::string tag = "ID3";
    tag += std::string{'\x04', '\x00', '\x00'};
    for (int shift = 21; shift >= 0; shift -= 7) {
        tag.push_back(static_cast<char>(payload >> shift & 0x7F));
    }
    return tag + std::string(payload, '\0');
}

// Constant-bitrate MPEG-1 layer III, 128 kbit/s, 44.1 kHz, joint stereo: 417-byte frames.
std::string make_cbr_mp3(int frames) {
    std::string mp3 = id3_tag(20);
    for (int i = 0; i < frames; ++i) {
        std::string frame{'\xFF', '\xFB', '\x90', '\x64'};
        frame.resize(417, '\x55');
        mp3 += frame;
    }
    return mp3;
}

// MPEG-2 layer III, 64 kbit/s, 22.05 kHz, mono, with a Xing header counting 500 frames.
std::string make_xing_mp3() {
    std::string first{'\xFF', '\xF3', '\x80', '\xC0'};
    first += std::string(9, '\0'); // side information
    first += "Xing";
    put_be(first, 1, 4); // frames field present
    put_be(first, 500, 4);
    first.resize(208, '\0');
    std::string mp3 = first;
    for (int i = 0; i < 3; ++i) {
        std::string frame{'\xFF', '\xF3', '\x80', '\xC0'};
        frame.resize(208, '\x11');
        mp3 += frame;
    }
    return mp3;
}

// FLAC with one STREAMINFO block: 48 kHz, stereo, 24-bit, 5 s.
std::string make_flac() {
    std::string flac = "fLaC";
    flac.push_back('\x80'); // last block, type 0 (STREAMINFO)
    put_be(flac, 34, 3);
    put_be(flac, 4096, 2);
    put_be(flac, 4096, 2);
    put_be(flac, 0, 3);
    put_be(flac, 0, 3);
    const std::uint64_t packed =
        std::uint64_t{48'000} << 44 | std::uint64_t{1} << 41 | std::uint64_t{23} << 36 | 240'000;
    put_be(flac, packed, 8);
    flac += std::string(16, '\0'); // MD5
    return flac + std::string(100, '\x22');
}

input_file probe(std::string_view bytes) {
    // An exact-size heap copy, so a read past the end is caught by sanitizers.
    auto copy = std::make_unique<char[]>(bytes.size() + 1);
    std::copy(bytes.begin(), bytes.end(), copy.get());
    input_file file;
    emu::fake::probe_audio(std::string_view{copy.get(), bytes.size()}, file);
    return file;
}

// Every prefix of a file probes without reading out of bounds, and never claims more
// duration than the complete file.
void check_truncations(const std::string& bytes) {
    const auto full = probe(bytes);
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        const auto partial = probe(std::string_view{bytes}.substr(0, n));
        if (partial.duration_ms && full.duration_ms) {
            BOOST_TEST(*partial.duration_ms <= *full.duration_ms, "prefix " << n);
        }
        if (partial.sample_rate) {
            BOOST_TEST(*partial.sample_rate == full.sample_rate.value_or(0), "prefix " << n);
        }
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(wav_header_gives_rate_channels_and_duration) {
    const auto file = probe(make_wav(44'100, 2, 352'800, 352'800));
    BOOST_TEST(file.sample_rate.value_or(0) == 44'100U);
    BOOST_TEST(file.channels.value_or(0) == 2U);
    BOOST_TEST(file.duration_ms.value_or(0) == 2'000U);
}

BOOST_AUTO_TEST_CASE(truncated_wav_counts_only_the_bytes_that_arrived) {
    const auto file = probe(make_wav(8'000, 1, 16'000, 160'000));
    BOOST_TEST(file.duration_ms.value_or(0) == 1'000U);
    check_truncations(make_wav(8'000, 1, 400, 400));
}

BOOST_AUTO_TEST_CASE(cbr_mp3_duration_comes_from_size_and_bitrate) {
    const auto file = probe(make_cbr_mp3(100));
    BOOST_TEST(file.sample_rate.value_or(0) == 44'100U);
    BOOST_TEST(file.channels.value_or(0) == 2U);
    const double real_ms = 100 * 1152 * 1000.0 / 44'100; // 2612 ms
    BOOST_TEST(std::abs(static_cast<double>(file.duration_ms.value_or(0)) - real_ms) <
               real_ms * 0.01);
    check_truncations(make_cbr_mp3(3));
}

BOOST_AUTO_TEST_CASE(vbr_mp3_duration_comes_from_the_xing_frame_count) {
    const auto file = probe(make_xing_mp3());
    BOOST_TEST(file.sample_rate.value_or(0) == 22'050U);
    BOOST_TEST(file.channels.value_or(0) == 1U);
    BOOST_TEST(file.duration_ms.value_or(0) == 500U * 576 * 1000 / 22'050);
    check_truncations(make_xing_mp3());
}

BOOST_AUTO_TEST_CASE(flac_streaminfo_gives_rate_channels_and_duration) {
    const auto file = probe(make_flac());
    BOOST_TEST(file.sample_rate.value_or(0) == 48'000U);
    BOOST_TEST(file.channels.value_or(0) == 2U);
    BOOST_TEST(file.duration_ms.value_or(0) == 5'000U);
    BOOST_TEST(probe(id3_tag(30) + make_flac()).duration_ms.value_or(0) == 5'000U);
    check_truncations(make_flac());
}

BOOST_AUTO_TEST_CASE(other_formats_and_garbage_are_left_alone) {
    const std::vector<std::string> others{std::string{"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16},
                                          std::string{"\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11},
                                          "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n",
                                          std::string{"\0\0\0\x18"
                                                      "ftypmp42\0\0\0\0",
                                                      16},
                                          "RIFF\x04\0\0\0AVI LIST",
                                          "ID3",
                                          ""};
    for (const auto& bytes : others) {
        const auto file = probe(bytes);
        BOOST_TEST(!file.duration_ms.has_value());
        BOOST_TEST(!file.sample_rate.has_value());
        BOOST_TEST(!file.channels.has_value());
    }
    emu::fake::rng gen{7};
    for (int i = 0; i < 2'000; ++i) {
        std::string bytes;
        const auto size = gen.below(300);
        for (std::uint64_t k = 0; k < size; ++k) {
            bytes.push_back(static_cast<char>(gen.below(256)));
        }
        if (i % 4 == 0 && bytes.size() > 12) {
            bytes.replace(0, 4, "RIFF"); // garbage behind real magic bytes
            bytes.replace(8, 4, "WAVE");
        } else if (i % 4 == 1 && bytes.size() > 4) {
            bytes.replace(0, 4, "fLaC");
        } else if (i % 4 == 2 && bytes.size() > 10) {
            bytes.replace(0, 3, "ID3");
        }
        probe(bytes); // must not crash nor read out of bounds
    }
}

BOOST_AUTO_TEST_SUITE_END()
