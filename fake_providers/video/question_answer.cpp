#include "fake_providers/deterministic.hpp"
#include "fake_providers/video/video_common.hpp"
#include "fake_providers/video/video_features.hpp"
#include "fake_providers/video/video_scenes.hpp"
#include "server/support/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string>
#include <utility>

namespace emu::fake::video {

namespace {

// Words that carry no subject: the answer does not echo them.
constexpr std::array<std::string_view, 62> stop_words{
    "the",      "a",     "an",    "is",     "are",     "was",   "were",  "be",     "been",
    "what",     "which", "who",   "whom",   "whose",   "when",  "where", "why",    "how",
    "many",     "much",  "does",  "do",     "did",     "in",    "on",    "at",     "of",
    "to",       "for",   "from",  "with",   "by",      "about", "this",  "that",   "these",
    "those",    "there", "it",    "its",    "video",   "clip",  "and",   "or",     "can",
    "could",    "you",   "your",  "me",     "my",      "any",   "some",  "please", "tell",
    "describe", "show",  "shown", "happen", "happens", "going", "see",   "seen"};

// The question's subject words, in order, without repeats: at most four.
std::vector<std::string> key_words(std::string_view question) {
    std::vector<std::string> keys;
    std::string word;
    const auto flush = [&] {
        std::string lower = word;
        for (auto& c : lower) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        const bool stop =
            std::find(stop_words.begin(), stop_words.end(), lower) != stop_words.end();
        const bool seen = std::find(keys.begin(), keys.end(), lower) != keys.end();
        if (lower.size() >= 3 && !stop && !seen && keys.size() < 4) {
            keys.push_back(lower);
        }
        word.clear();
    };
    for (const char c : question) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || byte >= 0x80 || c == '-') {
            word.push_back(c);
        } else if (!word.empty()) {
            flush();
        }
    }
    if (!word.empty()) {
        flush();
    }
    return keys;
}

// Seconds as a speaker would say them: "12" or "3.5".
std::string spoken_seconds(double seconds) {
    const double rounded = round_to(seconds, 1);
    if (rounded == std::floor(rounded)) {
        return std::to_string(static_cast<long long>(rounded));
    }
    return std::to_string(static_cast<long long>(std::floor(rounded))) + "." +
           std::to_string(std::llround((rounded - std::floor(rounded)) * 10.0));
}

// At temperature 0 always the first variant; higher temperatures pick others more often.
std::size_t variant(rng& gen, double temperature, std::size_t count) {
    return gen.chance(temperature) ? static_cast<std::size_t>(gen.below(count)) : 0;
}

// Google (Gemini): an answer about the video that takes up the question's subject words. At
// temperature 0 it depends only on the video and the question; max_tokens caps its length in
// words, and a capped answer finishes with "MAX_TOKENS".
generated_result google_answer(const generation_request& request) {
    const timeline clock{video_duration_ms(request)};
    const auto& setting = pick_scene(request);
    const std::string question{request.params.get_or("text", "Describe this video.")};
    const double temperature =
        std::clamp(request.params.get_number("temperature").value_or(0.0), 0.0, 1.0);
    auto gen = rng::for_result(request, "answer");
    auto facts = file_rng(request, "answer-facts");
    const auto keys = key_words(question);
    std::string lower = question;
    for (auto& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    const double total = clock.seconds();
    const double from = facts.uniform(0.0, 0.4) * total;
    const double to = std::max(from, facts.uniform(0.6, 1.0) * total);
    const auto count = facts.between(setting.min_people, setting.max_people + 1);
    const std::string subject = keys.empty() ? std::string{"people"} : keys.front();

    std::string answer;
    if (lower.starts_with("how many")) {
        answer = "There are " + std::to_string(count) + " " + subject + " visible in the video. ";
    } else if (lower.starts_with("who")) {
        answer = "The video features " + std::string{setting.people} + ". ";
    } else if (lower.starts_with("when") || lower.starts_with("what time")) {
        answer = "It happens about " + spoken_seconds(from) + " seconds into the " +
                 spoken_seconds(total) + "-second video. ";
    } else {
        answer = "The video shows " + std::string{setting.summary} + ". ";
    }
    if (!keys.empty()) {
        const std::string list = support::spoken_list(keys);
        const std::array<std::string, 3> details{
            "As for the " + list + ", they appear between " + spoken_seconds(from) + " and " +
                spoken_seconds(to) + " seconds, most clearly in the middle of that stretch. ",
            "The " + list + " can be seen from about " + spoken_seconds(from) + " to " +
                spoken_seconds(to) + " seconds. ",
            "You can make out the " + list + " in several shots, mainly between " +
                spoken_seconds(from) + " and " + spoken_seconds(to) + " seconds. "};
        answer += details[variant(gen, temperature, details.size())];
    }
    const std::array<std::string, 3> closings{
        "Overall, the clip runs for about " + spoken_seconds(total) + " seconds and features " +
            std::string{setting.people} + ".",
        "The footage is steady and well lit, so the details are easy to follow.",
        "Nothing else of note happens before the video ends."};
    const std::size_t closing = variant(gen, temperature, closings.size());
    answer += closings[closing];
    // Warmer answers ramble a little more.
    if (gen.chance(temperature * 0.5)) {
        answer += " " + closings[(closing + 1 + gen.below(closings.size() - 1)) % closings.size()];
    }

    std::string finish_reason = "STOP";
    std::size_t word_count = 0;
    if (const auto max_tokens = request.params.get_int("max_tokens");
        max_tokens && *max_tokens > 0) {
        // Counting words as tokens: cut after the max_tokens-th word.
        bool in_word = false;
        for (std::size_t i = 0; i < answer.size(); ++i) {
            const bool space = answer[i] == ' ';
            if (!space && !in_word && std::cmp_equal(word_count, *max_tokens)) {
                answer.resize(i);
                while (!answer.empty() && answer.back() == ' ') {
                    answer.pop_back();
                }
                finish_reason = "MAX_TOKENS";
                break;
            }
            if (!space && !in_word) {
                ++word_count;
            }
            in_word = !space;
        }
    }
    word_count = 0;
    bool in_word = false;
    for (const char c : answer) {
        word_count += (c != ' ' && !in_word) ? 1 : 0;
        in_word = c != ' ';
    }

    generated_result result;
    result.fields["answer"] = answer;
    result.fields["finish_reason"] = finish_reason;
    if (request.original_response) {
        // Gemini bills about 263 tokens per second of video; words stand in for text tokens.
        const auto prompt_tokens = static_cast<std::int64_t>(std::ceil(total * 263.0)) +
                                   static_cast<std::int64_t>(question.size() / 4 + 1);
        const auto answer_tokens = static_cast<std::int64_t>(word_count);
        const std::string model =
            request.model.empty() ? "gemini-1.5-flash" : std::string{request.model};
        result.original_response = boost::json::object{
            {"candidates",
             {boost::json::object{
                 {"content",
                  {{"parts", {boost::json::object{{"text", answer}}}}, {"role", "model"}}},
                 {"finishReason", finish_reason},
                 {"avgLogprobs", round_to(-gen.uniform(0.05, 0.6), 6)}}}},
            {"usageMetadata",
             {{"promptTokenCount", prompt_tokens},
              {"candidatesTokenCount", answer_tokens},
              {"totalTokenCount", prompt_tokens + answer_tokens}}},
            {"modelVersion", model},
            {"responseId", derived_uuid(request, "gemini-response-id").substr(0, 23)}};
    }
    return result;
}

constexpr std::array own_generators{
    provider_generator{"google", google_answer},
};

} // namespace

generator_family question_answer_family() {
    return {.feature = "video/question_answer_async",
            .specific = own_generators,
            .generic = google_answer};
}

} // namespace emu::fake::video
