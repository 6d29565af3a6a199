#include "fake_providers/registry.hpp"

#include "fake_providers/audio/audio_generators.hpp"
#include "fake_providers/image/image_generators.hpp"
#include "fake_providers/ocr/ocr_generators.hpp"
#include "fake_providers/video/video_generators.hpp"

namespace emu::fake {

void registry::add(std::string feature, std::string provider, generator fn) {
    generators_[{std::move(feature), std::move(provider)}] = fn;
}

generator registry::find(std::string_view feature, std::string_view provider) const {
    const auto key = [](std::string_view f, std::string_view p) {
        return std::pair<std::string, std::string>{f, p};
    };
    if (auto it = generators_.find(key(feature, provider)); it != generators_.end()) {
        return it->second;
    }
    if (auto it = generators_.find(key(feature, "*")); it != generators_.end()) {
        return it->second;
    }
    return nullptr;
}

registry make_default_registry() {
    registry result;
    register_audio_generators(result);
    register_image_generators(result);
    register_ocr_generators(result);
    register_video_generators(result);
    return result;
}

} // namespace emu::fake
