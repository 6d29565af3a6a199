#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// Words of the texts a web job is given (prompts, URLs), and the text pieces built from them.
namespace emu::fake::web {

// The words of a text, in order: runs of ASCII letters and digits and of non-ASCII (UTF-8)
// bytes; every other byte separates words.
std::vector<std::string> words_of(std::string_view text);

// The words of a text a result can be about: lower-cased, without English stop words, numbers
// and words under three characters, each once, in order of first appearance.
std::vector<std::string> keywords_of(std::string_view text);

// "getting-started" and "getting started" -> "Getting Started" (ASCII letters capitalized).
std::string title_case(std::string_view words);

// A URL path segment naming the words: lower-case ASCII letters and digits, '-' between words,
// other bytes percent-encoded.
std::string slug_of(std::string_view words);

// The first `count` characters (code points) of UTF-8 text.
std::string utf8_prefix(std::string_view text, std::size_t count);

} // namespace emu::fake::web
