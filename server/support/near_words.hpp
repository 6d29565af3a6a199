#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace emu::support {

// The optimal-string-alignment distance between a and b: insertions, deletions, substitutions
// and swaps of two neighbours each cost 1; ASCII letters compare case-insensitively, and '-'
// and '_' as equal (the usual slips in feature and field names).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The largest distance at which `word` still reads as a slip of another word: 1 for words of up
// to 4 characters, then a third of the length, at most 3.
std::size_t slip_distance(std::string_view word);

// Whether `part` (at least 4 characters, and shorter) begins or ends `whole`, compared as
// edit_distance compares.
bool is_affix(std::string_view part, std::string_view whole);

// The candidate nearest to `word` within slip_distance(word), or one that `word` starts or ends
// (at least 4 characters of it) when none is that near; the first of equally near ones;
// nullopt when none is near or `word` is itself a candidate.
std::optional<std::string> nearest_word(std::string_view word,
                                        std::span<const std::string_view> candidates);

// "; did you mean \"x\"?" for the candidate nearest_word finds, else `otherwise`: the clause
// that messages naming an unknown word end with.
std::string did_you_mean(std::string_view word,
                         std::span<const std::string_view> candidates,
                         std::string_view otherwise = {});

} // namespace emu::support
