// The README's tables of features and providers must say what the feature table and the v3
// catalog say.
#include "server/features/feature_table.hpp"
#include "server/features/v3_catalog.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

std::string trimmed(std::string_view text) {
    const auto begin = text.find_first_not_of(' ');
    const auto end = text.find_last_not_of(' ');
    return begin == std::string_view::npos ? "" : std::string{text.substr(begin, end - begin + 1)};
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(separator, start), text.size());
        parts.push_back(trimmed(text.substr(start, end - start)));
        start = end + 1;
    }
    return parts;
}

std::string joined(const auto& names) {
    std::string out;
    for (const auto& name : names) {
        out += (out.empty() ? "" : ", ") + std::string{name};
    }
    return out;
}

// The rows of the table with `header` under the README heading `section`: each path's
// providers, joined with ", ". A cell may list several paths, "`.../x`" standing for "x" in the
// folder of the cell's first path.
std::map<std::string, std::string> readme_providers(std::string_view section,
                                                    std::string_view header) {
    std::ifstream in{EDENMOCK_README};
    BOOST_REQUIRE_MESSAGE(in, "cannot open " << EDENMOCK_README);
    std::map<std::string, std::string> out;
    bool in_section = false;
    bool in_table = false;
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with("#")) {
            in_section = line == section;
            continue;
        }
        if (!in_section) {
            continue;
        }
        if (!in_table) {
            in_table = line == header;
            continue;
        }
        if (line.starts_with("|---")) {
            continue;
        }
        if (!line.starts_with("| ")) {
            break;
        }
        const auto cells = split(line, '|'); // "", paths, providers, ""
        BOOST_REQUIRE_MESSAGE(cells.size() == 4U, "not a two-column row: " << line);
        std::string folder;
        for (auto path : split(cells[1], ',')) {
            BOOST_REQUIRE_MESSAGE(path.size() > 2 && path.front() == '`' && path.back() == '`',
                                  "not a `path`: " << path);
            path = path.substr(1, path.size() - 2);
            if (path.starts_with(".../")) {
                path = folder + path.substr(4);
            } else {
                folder = path.substr(0, path.rfind('/') + 1);
            }
            BOOST_TEST(!out.contains(path), path << " is listed twice");
            out[path] = joined(split(cells[2], ','));
        }
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(readme)

BOOST_AUTO_TEST_CASE(the_feature_table_of_the_readme_lists_each_features_providers) {
    const auto listed = readme_providers("### Eden AI v2 async features", "| `<p>` | providers |");
    std::set<std::string> table_paths;
    for (const auto& feature : emu::features::all_features()) {
        const std::string path{feature.path};
        table_paths.insert(path);
        BOOST_TEST_CONTEXT(path) {
            BOOST_TEST(listed.contains(path), path << " is missing from the README");
            if (listed.contains(path)) {
                BOOST_TEST(listed.at(path) == joined(feature.providers));
            }
        }
    }
    for (const auto& [path, providers] : listed) {
        BOOST_TEST(table_paths.contains(path), path << " is in the README, not in the table");
    }
}

BOOST_AUTO_TEST_CASE(the_v3_table_of_the_readme_lists_each_async_subfeatures_providers) {
    const auto listed =
        readme_providers("### Eden AI v3 async surface", "| subfeature | providers |");
    const auto specs = emu::features::v3_catalog::shipped().async_specs();
    BOOST_TEST(listed.size() == specs.size());
    for (const auto& spec : specs) {
        const std::string path{spec.path};
        BOOST_TEST_CONTEXT(path) {
            BOOST_TEST_REQUIRE(listed.contains(path), path << " is missing from the README");
            // The README lists them sorted; the catalog in its files' order.
            std::vector<std::string> providers{spec.providers.begin(), spec.providers.end()};
            std::sort(providers.begin(), providers.end());
            BOOST_TEST(listed.at(path) == joined(providers));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
