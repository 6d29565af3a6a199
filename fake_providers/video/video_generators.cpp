#include "fake_providers/video/video_generators.hpp"

#include "fake_providers/video/video_features.hpp"

namespace emu::fake {

std::vector<generator_family> video_generator_families() {
    return {
        video::deepfake_detection_family(),
        video::explicit_content_detection_family(),
        video::face_detection_family(),
        video::generation_family(),
        video::label_detection_family(),
        video::logo_detection_family(),
        video::object_tracking_family(),
        video::person_tracking_family(),
        video::question_answer_family(),
        video::shot_change_detection_family(),
        video::text_detection_family(),
    };
}

} // namespace emu::fake
