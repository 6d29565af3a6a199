#pragma once

#include "fake_providers/generation.hpp"

#include <span>
#include <string_view>

namespace emu::fake::video {

// A label a video analyser may report, with Google's category entity and Amazon's parents.
struct scene_label {
    std::string_view name;           // Google's lower-case entity ("motor vehicle")
    std::string_view category;       // Google's category entity, or empty
    std::string_view amazon_parents; // Amazon's parent labels, comma-separated, or empty
    bool has_instances = false;      // Amazon returns bounding boxes for object-like labels
};

// What a made-up video shows: the word lists every video generator draws from, so that labels,
// objects, texts, logos and answers about one video tell the same story.
struct scene {
    std::string_view name;
    std::span<const std::string_view> keywords; // file-name words that select this scene
    std::span<const scene_label> labels;
    std::span<const std::string_view> objects; // Google object-tracking entities
    std::span<const std::string_view> texts;   // on-screen text
    std::span<const std::string_view> logos;
    std::string_view summary; // completes "The video shows ..."
    std::string_view people;  // completes "It features ..."
    int min_people = 1;
    int max_people = 3;
};

// The scene of the input video: the first scene one of whose keywords is a word of the file
// name, else one picked from the file's identity.
const scene& pick_scene(const generation_request& request);

} // namespace emu::fake::video
