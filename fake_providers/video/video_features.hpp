#pragma once

#include "fake_providers/registry.hpp"

// One registration function per video feature, each defined in the feature's own file.
namespace emu::fake::video {

void register_deepfake_detection(registry& target);

void register_explicit_content_detection(registry& target);

void register_face_detection(registry& target);

void register_generation(registry& target);

void register_label_detection(registry& target);

void register_logo_detection(registry& target);

void register_object_tracking(registry& target);

void register_person_tracking(registry& target);

void register_question_answer(registry& target);

void register_shot_change_detection(registry& target);

void register_text_detection(registry& target);

} // namespace emu::fake::video
