#include "server/support/near_words.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace emu::support {

namespace {

char folded(char c) {
    if (c >= 'A' && c <= 'Z') {
        return static_cast<char>(c - 'A' + 'a');
    }
    return c == '-' ? '_' : c;
}

bool same(char a, char b) {
    return folded(a) == folded(b);
}

} // namespace

bool is_affix(std::string_view part, std::string_view whole) {
    if (part.size() < 4 || part.size() >= whole.size()) {
        return false;
    }
    const auto equal = [](std::string_view x, std::string_view y) {
        return std::equal(x.begin(), x.end(), y.begin(), y.end(), same);
    };
    return equal(part, whole.substr(0, part.size())) ||
           equal(part, whole.substr(whole.size() - part.size()));
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Three rows of the dynamic programme: two back (for swaps), one back, and this one; on the
    // stack for words of up to 64 characters, as route segments and names are.
    constexpr std::size_t stack_columns = 65;
    std::array<std::size_t, 3 * stack_columns> small{};
    std::vector<std::size_t> large;
    const auto columns = b.size() + 1;
    std::size_t* rows = small.data();
    if (columns > stack_columns) {
        large.resize(3 * columns);
        rows = large.data();
    }
    std::size_t* before = rows;
    std::size_t* previous = rows + columns;
    std::size_t* current = rows + 2 * columns;
    for (std::size_t j = 0; j < columns; ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j < columns; ++j) {
            const std::size_t cost = same(a[i - 1], b[j - 1]) ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::size_t slip_distance(std::string_view word) {
    return std::clamp<std::size_t>(word.size() / 3, 1, 3);
}

std::optional<std::string> nearest_word(std::string_view word,
                                        std::span<const std::string_view> candidates) {
    std::optional<std::string_view> best;
    std::size_t best_distance = slip_distance(word) + 1;
    for (const auto candidate : candidates) {
        if (candidate == word) {
            return std::nullopt;
        }
        const auto distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    if (!best) {
        const auto affix = std::find_if(candidates.begin(), candidates.end(), [&](auto candidate) {
            return is_affix(word, candidate) || is_affix(candidate, word);
        });
        if (affix != candidates.end()) {
            best = *affix;
        }
    }
    return best ? std::optional<std::string>{std::string{*best}} : std::nullopt;
}

std::string did_you_mean(std::string_view word,
                         std::span<const std::string_view> candidates,
                         std::string_view otherwise) {
    const auto near = nearest_word(word, candidates);
    return near ? "; did you mean \"" + *near + "\"?" : std::string{otherwise};
}

} // namespace emu::support
