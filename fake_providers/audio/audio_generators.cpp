#include "fake_providers/audio/audio_generators.hpp"

#include "fake_providers/audio/speech_to_text.hpp"
#include "fake_providers/audio/text_to_speech.hpp"

namespace emu::fake {

std::vector<generator_family> audio_generator_families() {
    return {speech_to_text_family(), text_to_speech_family()};
}

} // namespace emu::fake
