#pragma once

// The v3 side of the generator tests: the v3 catalog (server/features/v3/*.json) as read from
// the repository, its async subfeatures as the feature specs build_registry takes (each
// listing the v2 feature table's providers of that path and the catalog's), and the registry
// built from them with the shipped generator families.
#include "fake_providers/registry_build.hpp"
#include "server/features/feature_table.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace emu::testing {

// One subfeature of the v3 catalog.
struct catalog_subfeature {
    std::string path; // "audio/speech_to_text_async"
    bool async = false;
    std::vector<std::string> models;    // full model strings
    std::vector<std::string> providers; // third segments of the models, in catalog order, once
    boost::json::array output_fields;
};

inline std::filesystem::path v3_catalog_dir() {
    return std::filesystem::path{EDENMOCK_README}.parent_path() / "server" / "features" / "v3";
}

// Every subfeature of every catalog file, read once.
inline const std::vector<catalog_subfeature>& v3_catalog() {
    static const std::vector<catalog_subfeature> catalog = [] {
        std::vector<catalog_subfeature> out;
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator{v3_catalog_dir()}) {
            if (entry.path().extension() == ".json") {
                files.push_back(entry.path());
            }
        }
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            std::ifstream in{file};
            std::ostringstream text;
            text << in.rdbuf();
            const auto document = boost::json::parse(text.str());
            const std::string feature{document.at("name").as_string()};
            for (const auto& sub : document.at("subfeatures").as_array()) {
                catalog_subfeature entry;
                entry.path = feature + "/" + std::string{sub.at("name").as_string()};
                entry.async = sub.at("mode").as_string() == "async";
                entry.output_fields = sub.at("output_schema").at("fields").as_array();
                for (const auto& row : sub.at("models").as_array()) {
                    const std::string model{row.at("model").as_string()};
                    entry.models.push_back(model);
                    const auto rest = model.substr(entry.path.size() + 1);
                    const auto provider = rest.substr(0, rest.find('/'));
                    if (std::find(entry.providers.begin(), entry.providers.end(), provider) ==
                        entry.providers.end()) {
                        entry.providers.push_back(provider);
                    }
                }
                out.push_back(std::move(entry));
            }
        }
        BOOST_REQUIRE_MESSAGE(!out.empty(), "no v3 catalog in " << v3_catalog_dir());
        return out;
    }();
    return catalog;
}

// The catalog's async subfeatures as feature specs: the v2 spec of the same path (inputs,
// parameters) when there is one, with the v2 and the catalog's providers together.
inline std::span<const features::feature_spec> v3_feature_specs() {
    static std::deque<std::vector<std::string_view>> providers;
    static const std::vector<features::feature_spec> specs = [] {
        std::vector<features::feature_spec> out;
        for (const auto& sub : v3_catalog()) {
            if (!sub.async) {
                continue;
            }
            features::feature_spec spec{.path = sub.path};
            std::vector<std::string_view> names;
            if (const auto* v2 = features::find_feature(sub.path)) {
                spec = *v2;
                names.assign(v2->providers.begin(), v2->providers.end());
            }
            for (const auto& provider : sub.providers) {
                if (std::find(names.begin(), names.end(), provider) == names.end()) {
                    names.push_back(provider);
                }
            }
            spec.providers = providers.emplace_back(std::move(names));
            spec.api = features::api_version::v3;
            out.push_back(spec);
        }
        return out;
    }();
    return specs;
}

// The shipped families of the v3 async subfeatures.
inline std::vector<fake::generator_family> v3_families() {
    std::vector<fake::generator_family> out;
    for (const auto& family : fake::default_generator_families()) {
        const auto specs = v3_feature_specs();
        if (std::any_of(specs.begin(), specs.end(), [&](const auto& spec) {
                return spec.path == family.feature;
            })) {
            out.push_back(family);
        }
    }
    return out;
}

// The registry over v3_feature_specs, built once.
inline const fake::registry& v3_generators() {
    static const fake::registry instance = fake::build_registry(v3_feature_specs(), v3_families());
    return instance;
}

} // namespace emu::testing
