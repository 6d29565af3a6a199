#pragma once

// The v3 side of the generator tests: the shipped v3 catalog's subfeatures in the form the
// tests check generators against, its async subfeatures as feature specs (each with the v2
// feature table's inputs and providers of that path besides the catalog's), and the default
// registry, which serves both APIs.
#include "fake_providers/registry_build.hpp"
#include "server/features/feature_table.hpp"
#include "server/features/v3_catalog.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <deque>
#include <span>
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

// Every subfeature of the shipped catalog.
inline const std::vector<catalog_subfeature>& v3_catalog() {
    static const std::vector<catalog_subfeature> catalog = [] {
        std::vector<catalog_subfeature> out;
        for (const auto& feature : features::v3_catalog::shipped().features()) {
            for (const auto& sub : feature.subfeatures) {
                catalog_subfeature entry;
                entry.path = sub.path;
                entry.async = sub.async;
                for (const auto& model : sub.models) {
                    entry.models.push_back(model.id);
                }
                entry.providers.assign(sub.providers.begin(), sub.providers.end());
                entry.output_fields = sub.info.at("output_schema").at("fields").as_array();
                out.push_back(std::move(entry));
            }
        }
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
        for (const auto& v3 : features::v3_catalog::shipped().async_specs()) {
            auto spec = v3;
            std::vector<std::string_view> names;
            if (const auto* v2 = features::find_feature(v3.path)) {
                spec = *v2;
                names.assign(v2->providers.begin(), v2->providers.end());
            }
            for (const auto provider : v3.providers) {
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

// The default registry (v2's feature table and the v3 catalog), built once.
inline const fake::registry& v3_generators() {
    static const fake::registry instance = fake::make_default_registry();
    return instance;
}

} // namespace emu::testing
