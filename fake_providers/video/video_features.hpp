#pragma once

#include "fake_providers/generator_family.hpp"

// One generator family per video feature, each defined in the feature's own file.
namespace emu::fake::video {

generator_family deepfake_detection_family();

generator_family explicit_content_detection_family();

generator_family face_detection_family();

generator_family generation_family();

generator_family label_detection_family();

generator_family logo_detection_family();

generator_family object_tracking_family();

generator_family person_tracking_family();

generator_family question_answer_family();

generator_family shot_change_detection_family();

generator_family text_detection_family();

} // namespace emu::fake::video
