#include "fake_providers/video/video_generators.hpp"

#include "fake_providers/video/video_features.hpp"

namespace emu::fake {

void register_video_generators(registry& target) {
    video::register_deepfake_detection(target);
    video::register_explicit_content_detection(target);
    video::register_face_detection(target);
    video::register_generation(target);
    video::register_label_detection(target);
    video::register_logo_detection(target);
    video::register_object_tracking(target);
    video::register_person_tracking(target);
    video::register_question_answer(target);
    video::register_shot_change_detection(target);
    video::register_text_detection(target);
}

} // namespace emu::fake
