#pragma once

#include "server/scenario/scenario.hpp"

#include <string>
#include <vector>

namespace emu::scenario {

// What makes a valid scenario useless, checked against Eden's v2 feature table and the v3
// catalog: a match.feature, match.model or match.api pattern that matches nothing, a
// match.provider or a timelines key naming no provider, match.provider naming no provider of
// the features match.feature matches. Each names the field and, when one is near, what was
// meant: `match.provider "gogle" names no provider of any feature; did you mean "google"?`.
// Warnings, not errors: the scenario still loads.
std::vector<std::string> scenario_warnings(const scenario& plan);

} // namespace emu::scenario
