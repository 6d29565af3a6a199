#pragma once

#include <string_view>

namespace emu::support {

// Whether the whole text matches the glob pattern, case-sensitively, byte by byte:
//   *       any run of characters, '/' included, possibly empty ("**" is the same as "*")
//   ?       any one character
//   [abc]   one of the characters listed; [a-z] a range; [!a] or [^a] any character but those;
//           a ']' first in the list, or escaped, is listed; a '-' first or last is listed
//   \c      the character c itself (\*, \?, \[, \\); a trailing '\' matches itself
//   other   the character itself; a '[' without a closing ']' too
// The empty pattern matches only the empty text. A pattern is never invalid.
bool glob_matches(std::string_view pattern, std::string_view text);

} // namespace emu::support
