#include "fake_providers/audio/audio_generators.hpp"

#include "fake_providers/audio/speech_to_text.hpp"
#include "fake_providers/audio/text_to_speech.hpp"

namespace emu::fake {

void register_audio_generators(registry& target) {
    register_speech_to_text_generators(target);
    register_text_to_speech_generators(target);
}

} // namespace emu::fake
