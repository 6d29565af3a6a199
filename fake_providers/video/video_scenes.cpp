#include "fake_providers/video/video_scenes.hpp"

#include "fake_providers/video/video_common.hpp"

#include <algorithm>
#include <array>

namespace emu::fake::video {

namespace {

constexpr std::array<std::string_view, 9> street_keywords{
    "street", "traffic", "city", "car", "cars", "road", "drive", "highway", "urban"};
constexpr std::array<scene_label, 10> street_labels{{
    {"vehicle", "", "Transportation", false},
    {"car", "vehicle", "Vehicle,Transportation", true},
    {"road", "", "", false},
    {"traffic", "", "Road", false},
    {"urban area", "city", "City", false},
    {"lane", "road", "Road", false},
    {"motor vehicle", "vehicle", "Transportation", false},
    {"intersection", "street", "Road", false},
    {"infrastructure", "", "", false},
    {"person", "", "", true},
}};
constexpr std::array<std::string_view, 5> street_objects{
    "car", "bus", "person", "bicycle", "traffic light"};
constexpr std::array<std::string_view, 6> street_texts{
    "STOP", "ONE WAY", "Main St", "SPEED LIMIT 30", "BUS ONLY", "City Center 2 km"};
constexpr std::array<std::string_view, 4> street_logos{"Toyota", "Volkswagen", "Shell", "Ford"};

constexpr std::array<std::string_view, 8> kitchen_keywords{
    "cooking", "kitchen", "recipe", "food", "chef", "bake", "baking", "dinner"};
constexpr std::array<scene_label, 9> kitchen_labels{{
    {"food", "", "", false},
    {"cooking", "", "Food", false},
    {"kitchen", "room", "Indoors,Room", false},
    {"dish", "food", "Food,Meal", false},
    {"ingredient", "food", "Food", false},
    {"cuisine", "food", "Food", false},
    {"tableware", "", "", false},
    {"bowl", "", "", true},
    {"person", "", "", true},
}};
constexpr std::array<std::string_view, 5> kitchen_objects{
    "person", "bowl", "kitchen knife", "cutting board", "bottle"};
constexpr std::array<std::string_view, 6> kitchen_texts{
    "Step 1", "Preheat oven to 180°C", "Ingredients", "Salt", "Olive Oil", "Bon appétit!"};
constexpr std::array<std::string_view, 4> kitchen_logos{
    "KitchenAid", "Le Creuset", "Heinz", "Barilla"};

constexpr std::array<std::string_view, 8> beach_keywords{
    "beach", "sea", "ocean", "travel", "vacation", "holiday", "surf", "summer"};
constexpr std::array<scene_label, 9> beach_labels{{
    {"beach", "", "Nature,Outdoors", false},
    {"sea", "body of water", "Nature,Water", false},
    {"sky", "", "Nature,Outdoors", false},
    {"sand", "soil", "Nature", false},
    {"coast", "", "Nature,Outdoors", false},
    {"wave", "water", "Water,Nature", false},
    {"vacation", "", "Leisure Activities", false},
    {"boat", "watercraft", "Vehicle,Transportation", true},
    {"person", "", "", true},
}};
constexpr std::array<std::string_view, 5> beach_objects{
    "person", "boat", "umbrella", "surfboard", "dog"};
constexpr std::array<std::string_view, 5> beach_texts{
    "WELCOME", "Beach Bar", "Surf School", "No Swimming", "Lifeguard on duty"};
constexpr std::array<std::string_view, 4> beach_logos{
    "Coca-Cola", "Red Bull", "Ray-Ban", "Quiksilver"};

constexpr std::array<std::string_view, 10> office_keywords{"office",
                                                           "meeting",
                                                           "presentation",
                                                           "interview",
                                                           "webinar",
                                                           "conference",
                                                           "review",
                                                           "call",
                                                           "demo",
                                                           "team"};
constexpr std::array<scene_label, 9> office_labels{{
    {"presentation", "event", "Text", false},
    {"meeting", "event", "Crowd,Person", false},
    {"conversation", "", "Person", false},
    {"office", "room", "Indoors,Room", false},
    {"computer", "electronic device", "Electronics", true},
    {"whiteboard", "", "Indoors", false},
    {"furniture", "", "", false},
    {"chair", "furniture", "Furniture", true},
    {"person", "", "", true},
}};
constexpr std::array<std::string_view, 5> office_objects{
    "person", "laptop", "chair", "computer monitor", "mobile phone"};
constexpr std::array<std::string_view, 6> office_texts{
    "Agenda", "Q3 Results", "Thank you", "Questions?", "Next Steps", "Revenue +12%"};
constexpr std::array<std::string_view, 4> office_logos{"Microsoft", "Apple", "Dell", "Logitech"};

constexpr std::array<std::string_view, 9> sports_keywords{
    "soccer", "football", "match", "game", "sport", "sports", "goal", "training", "stadium"};
constexpr std::array<scene_label, 9> sports_labels{{
    {"sports", "", "", false},
    {"ball", "sports equipment", "Sport", true},
    {"player", "person", "Person", false},
    {"stadium", "structure", "Arena,Building", false},
    {"soccer", "sports", "Sport,Team Sport", false},
    {"team sport", "sports", "Sport", false},
    {"grass", "plant", "Plant", false},
    {"crowd", "", "Person", false},
    {"person", "", "", true},
}};
constexpr std::array<std::string_view, 4> sports_objects{
    "person", "ball", "sports uniform", "goal"};
constexpr std::array<std::string_view, 5> sports_texts{
    "GOAL!", "HOME 2 - 1 AWAY", "FULL TIME", "Player of the Match", "LIVE"};
constexpr std::array<std::string_view, 5> sports_logos{
    "Adidas", "Nike", "Puma", "Emirates", "Heineken"};

constexpr std::array<std::string_view, 9> nature_keywords{
    "nature", "forest", "hiking", "hike", "mountain", "trail", "park", "wildlife", "camping"};
constexpr std::array<scene_label, 9> nature_labels{{
    {"nature", "", "", false},
    {"tree", "plant", "Plant,Vegetation", false},
    {"forest", "", "Land,Nature,Outdoors", false},
    {"mountain", "landform", "Nature,Outdoors", false},
    {"sky", "", "Nature,Outdoors", false},
    {"hiking", "recreation", "Leisure Activities", false},
    {"plant", "", "", false},
    {"dog", "animal", "Animal,Pet,Mammal", true},
    {"person", "", "", true},
}};
constexpr std::array<std::string_view, 4> nature_objects{"person", "dog", "bird", "backpack"};
constexpr std::array<std::string_view, 4> nature_texts{
    "TRAIL", "Summit 2 km", "National Park", "Keep your dog on a leash"};
constexpr std::array<std::string_view, 4> nature_logos{
    "The North Face", "Patagonia", "Columbia", "GoPro"};

const std::array<scene, 6> scenes{{
    {"street",
     street_keywords,
     street_labels,
     street_objects,
     street_texts,
     street_logos,
     "cars and buses moving through a busy city intersection",
     "a few pedestrians waiting to cross",
     1,
     4},
    {"kitchen",
     kitchen_keywords,
     kitchen_labels,
     kitchen_objects,
     kitchen_texts,
     kitchen_logos,
     "someone preparing a meal in a home kitchen, step by step",
     "a cook talking to the camera",
     1,
     2},
    {"beach",
     beach_keywords,
     beach_labels,
     beach_objects,
     beach_texts,
     beach_logos,
     "a sunny beach with waves rolling in and boats further out",
     "people walking along the shore",
     1,
     4},
    {"office",
     office_keywords,
     office_labels,
     office_objects,
     office_texts,
     office_logos,
     "a team meeting in an office with slides shown on a screen",
     "several colleagues around a table",
     2,
     4},
    {"sports",
     sports_keywords,
     sports_labels,
     sports_objects,
     sports_texts,
     sports_logos,
     "a football match in a stadium, with a goal scored near the end",
     "two teams of players and a cheering crowd",
     2,
     4},
    {"nature",
     nature_keywords,
     nature_labels,
     nature_objects,
     nature_texts,
     nature_logos,
     "a hiking trail through a forest up to a mountain viewpoint",
     "a hiker walking with a dog",
     1,
     2},
}};

} // namespace

const scene& pick_scene(const generation_request& request) {
    const auto words = file_stem_words(request);
    for (const auto& candidate : scenes) {
        for (const auto& word : words) {
            if (std::find(candidate.keywords.begin(), candidate.keywords.end(), word) !=
                candidate.keywords.end()) {
                return candidate;
            }
        }
    }
    auto gen = file_rng(request, "scene");
    return scenes[static_cast<std::size_t>(gen.below(scenes.size()))];
}

} // namespace emu::fake::video
