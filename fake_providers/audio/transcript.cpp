#include "fake_providers/audio/transcript.hpp"

#include "fake_providers/audio/word_lists.hpp"
#include "fake_providers/deterministic.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace emu::fake {

namespace {

// Compressed audio of unknown format is assumed to run at 128 kbit/s.
constexpr std::uint64_t assumed_bytes_per_second = 16'000;

// A copy of the request without the provider: what the audio "says" must not depend on who
// transcribes it, so every provider of a job draws the same words and timings.
generation_request audio_view(const generation_request& request) {
    generation_request shared{request};
    shared.provider = {};
    return shared;
}

// "damn" -> "d***": the first character stays, every later character becomes '*'.
std::string mask_profanity(std::string_view word) {
    std::string masked;
    std::size_t points = 0;
    for (char c : word) {
        const bool continuation = (static_cast<unsigned char>(c) & 0xC0) == 0x80;
        points += continuation ? 0 : 1;
        if (points == 1) {
            masked.push_back(c);
        } else if (!continuation) {
            masked.push_back('*');
        }
    }
    return masked;
}

// "Eden AI" -> {"Eden", "AI"}: a vocabulary phrase split at whitespace.
std::vector<std::string> phrase_tokens(std::string_view phrase) {
    std::vector<std::string> tokens;
    std::size_t pos = 0;
    while (pos < phrase.size()) {
        const auto begin = phrase.find_first_not_of(" \t\r\n", pos);
        if (begin == std::string_view::npos) {
            break;
        }
        const auto end = std::min(phrase.find_first_of(" \t\r\n", begin), phrase.size());
        tokens.emplace_back(phrase.substr(begin, end - begin));
        pos = end;
    }
    return tokens;
}

// The request's vocabulary phrases, each as its tokens: v3's `vocabulary`, a JSON array of
// strings (["Eden AI", "kubernetes"]), else v2's custom_vocabulary, comma-separated text
// ("Eden AI, kubernetes"). A `vocabulary` that is not a JSON array is read as such text.
std::vector<std::vector<std::string>> vocabulary_phrases(const launch_params& params) {
    std::vector<std::string_view> items;
    boost::json::value listed;
    const auto v3_text = params.get("vocabulary");
    if (v3_text) {
        boost::system::error_code ec;
        listed = boost::json::parse(*v3_text, ec);
        if (ec || !listed.is_array()) {
            listed = nullptr;
        }
    }
    if (listed.is_array()) {
        for (const auto& item : listed.get_array()) {
            if (item.is_string()) {
                items.emplace_back(item.get_string());
            }
        }
    } else {
        std::string_view text = v3_text ? *v3_text : params.get_or("custom_vocabulary", "");
        while (!text.empty()) {
            const auto comma = text.find(',');
            items.push_back(text.substr(0, comma));
            text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        }
    }
    std::vector<std::vector<std::string>> phrases;
    for (const auto item : items) {
        auto tokens = phrase_tokens(item);
        if (!tokens.empty()) {
            phrases.push_back(std::move(tokens));
        }
    }
    return phrases;
}

// Word count for a duration: words_per_second, rounded, capped.
std::size_t words_for_duration(std::uint32_t duration_ms) {
    const auto count = (static_cast<std::uint64_t>(duration_ms) * 5 + 1000) / 2000;
    return static_cast<std::size_t>(std::min<std::uint64_t>(count, max_transcript_words));
}

// Puts each vocabulary phrase once, spread over the transcript, and marks the words that
// continue a phrase (no punctuation or sentence break may split it).
void place_vocabulary(const std::vector<std::vector<std::string>>& phrases,
                      std::vector<spoken_word>& words,
                      std::vector<bool>& continues,
                      rng& gen) {
    const std::size_t n = words.size();
    std::size_t tokens_after = 0;
    for (const auto& phrase : phrases) {
        tokens_after += phrase.size();
    }
    std::size_t next_free = 0;
    for (std::size_t j = 0; j < phrases.size(); ++j) {
        const auto& phrase = phrases[j];
        tokens_after -= phrase.size();
        if (next_free + phrase.size() + tokens_after > n) {
            break; // only at the word cap: later phrases do not fit
        }
        const std::size_t upper = n - tokens_after - phrase.size();
        // Somewhere inside the phrase's share of the transcript.
        const std::size_t share = n / phrases.size();
        const std::size_t slack = share > phrase.size() ? share - phrase.size() + 1 : 1;
        const std::size_t target = j * share + static_cast<std::size_t>(gen.below(slack));
        const std::size_t start = std::clamp(target, next_free, upper);
        for (std::size_t k = 0; k < phrase.size(); ++k) {
            words[start + k].text = phrase[k];
            words[start + k].vocabulary = true;
            continues[start + k] = k + 1 < phrase.size();
        }
        next_free = start + phrase.size();
    }
}

// Upper-cases an ASCII first letter (sentence starts); accented initials stay as they are.
void capitalize(std::string& word) {
    if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') {
        word[0] = static_cast<char>(word[0] - 'a' + 'A');
    }
}

// Lays the words out in time: natural word lengths and pauses, scaled to fill the duration.
void time_words(std::vector<spoken_word>& words, std::uint32_t duration_ms, rng& gen) {
    const double duration = static_cast<double>(duration_ms) / 1000.0;
    std::vector<double> lengths(words.size());
    std::vector<double> pauses(words.size(), 0.0);
    double speech = 0;
    std::size_t sentence_pauses = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        lengths[i] = (0.16 + 0.05 * static_cast<double>(code_points(words[i].text))) *
                     gen.uniform(0.8, 1.25);
        speech += lengths[i];
        if (i + 1 == words.size()) {
            break;
        }
        const bool sentence_end = words[i].punctuation == "." || words[i].punctuation == "?";
        if (sentence_end) {
            pauses[i] = gen.uniform(0.25, 0.9);
            ++sentence_pauses;
        } else if (gen.chance(0.65)) {
            pauses[i] = gen.uniform(0.01, 0.08);
        }
        speech += pauses[i];
    }
    const double lead = std::min(gen.uniform(0.03, 0.35), 0.08 * duration);
    const double tail = std::min(gen.uniform(0.05, 0.5), 0.08 * duration);
    const double available = std::max(0.0, duration - lead - tail);
    double scale = speech > 0 ? available / speech : 0;
    double extra_pause = 0;
    // Few words for a long recording (the word cap): speak at a natural pace and leave the
    // rest of the time as longer pauses between sentences.
    if (scale > 1.3) {
        scale = 1.3;
        if (sentence_pauses > 0) {
            extra_pause = (available - speech * scale) / static_cast<double>(sentence_pauses);
        }
    }
    const std::uint64_t limit_us = static_cast<std::uint64_t>(duration_ms) * 1000;
    std::uint64_t previous_end = 0;
    double t = lead;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto start = static_cast<std::uint64_t>(std::floor(t * 1e6));
        t += lengths[i] * scale;
        const auto end = static_cast<std::uint64_t>(std::floor(t * 1e6));
        words[i].start_us = std::min(std::max(start, previous_end), limit_us);
        words[i].end_us = std::min(std::max(end, words[i].start_us), limit_us);
        previous_end = words[i].end_us;
        t += pauses[i] * scale;
        if (pauses[i] >= 0.25) {
            t += extra_pause;
        }
    }
}

} // namespace

std::uint32_t audio_duration_ms(const generation_request& request) {
    const input_file* file = request.file;
    if (file != nullptr && file->duration_ms) {
        return *file->duration_ms;
    }
    if (file != nullptr && file->size > 0) {
        const auto estimate = file->size * 1000 / assumed_bytes_per_second;
        return static_cast<std::uint32_t>(
            std::min<std::uint64_t>(estimate, std::numeric_limits<std::uint32_t>::max()));
    }
    auto gen = rng::for_result(audio_view(request), "duration");
    return static_cast<std::uint32_t>(gen.between(8'000, 45'000));
}

transcript make_transcript(const generation_request& request) {
    auto gen = rng::for_result(audio_view(request), "transcript");
    transcript out;
    out.duration_ms = audio_duration_ms(request);
    const auto& language = words_for_language(request.params.get_or("language", "en"));
    out.language = std::string{language.code};
    const auto speakers = static_cast<int>(
        std::clamp<std::int64_t>(request.params.get_int("speakers").value_or(2), 1, 10));
    const bool filter = request.params.get_bool("profanity_filter").value_or(false);
    const auto phrases = vocabulary_phrases(request.params);

    std::size_t count = words_for_duration(out.duration_ms);
    if (count > 0) {
        std::size_t vocabulary_tokens = 0;
        for (const auto& phrase : phrases) {
            vocabulary_tokens += phrase.size();
        }
        count = std::max(count, std::min(vocabulary_tokens, max_transcript_words));
    }
    out.words.resize(count);
    std::vector<bool> continues(count, false);
    place_vocabulary(phrases, out.words, continues, gen);
    for (auto& word : out.words) {
        if (word.vocabulary) {
            continue;
        }
        word.profane = gen.chance(0.03);
        word.text =
            std::string{word.profane ? gen.pick(language.profanities) : gen.pick(language.words)};
    }

    // Sentences of 4 to 12 words, one speaker each; the speaker changes at most sentences.
    std::vector<bool> used(static_cast<std::size_t>(speakers), false);
    int speaker = 0;
    for (std::size_t begin = 0; begin < count;) {
        std::size_t end = std::min(begin + static_cast<std::size_t>(gen.between(4, 12)), count) - 1;
        while (continues[end] && end + 1 < count) {
            ++end;
        }
        for (std::size_t i = begin; i < end; ++i) {
            if (!continues[i] && gen.chance(0.08)) {
                out.words[i].punctuation = ",";
            }
        }
        out.words[end].punctuation = gen.chance(0.15) ? "?" : ".";
        if (!out.words[begin].vocabulary) {
            capitalize(out.words[begin].text);
        }
        for (std::size_t i = begin; i <= end; ++i) {
            out.words[i].speaker = speaker;
        }
        used[static_cast<std::size_t>(speaker)] = true;
        if (speakers > 1 && gen.chance(0.6)) {
            speaker = (speaker + 1 +
                       static_cast<int>(gen.below(static_cast<std::uint64_t>(speakers - 1)))) %
                      speakers;
        }
        begin = end + 1;
    }
    out.speakers_used = static_cast<int>(std::count(used.begin(), used.end(), true));

    if (filter) {
        for (auto& word : out.words) {
            if (word.profane) {
                word.text = mask_profanity(word.text);
            }
        }
    }
    time_words(out.words, out.duration_ms, gen);
    return out;
}

std::size_t code_points(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string lower_ascii(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return text;
}

std::string format_seconds(std::uint64_t microseconds, int decimals) {
    std::uint64_t divisor = 1;
    for (int i = decimals; i < 6; ++i) {
        divisor *= 10;
    }
    std::uint64_t scale = 1;
    for (int i = 0; i < decimals; ++i) {
        scale *= 10;
    }
    const std::uint64_t units = microseconds / divisor;
    std::string fraction = std::to_string(units % scale);
    fraction.insert(0, static_cast<std::size_t>(decimals) - fraction.size(), '0');
    while (fraction.size() > 1 && fraction.back() == '0') {
        fraction.pop_back();
    }
    return std::to_string(units / scale) + "." + fraction;
}

} // namespace emu::fake
