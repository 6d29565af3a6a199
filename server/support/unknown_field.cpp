#include "server/support/unknown_field.hpp"

#include "server/support/near_words.hpp"
#include "server/support/text.hpp"

#include <vector>

namespace emu::support {

std::string unknown_field_message(std::string_view field, std::span<const std::string_view> known) {
    std::string message =
        "unknown field \"" + std::string{field} + "\"" + did_you_mean(field, known, ".");
    const std::vector<std::string> names(known.begin(), known.end());
    message += " This takes one of " + spoken_list(names, " or ", "\"") + ".";
    return message;
}

} // namespace emu::support
