#include "fake_providers/media_probe.hpp"

#include "fake_providers/audio/audio_probe.hpp"
#include "fake_providers/image/image_probe.hpp"
#include "fake_providers/ocr/pdf_probe.hpp"
#include "fake_providers/video/video_probe.hpp"

namespace emu::fake {

input_file probe_file(std::string name, std::string content_type, std::string_view bytes) {
    input_file file;
    file.name = std::move(name);
    file.content_type = std::move(content_type);
    file.size = bytes.size();
    // Each probe recognises its formats by their magic bytes and leaves other files alone.
    probe_audio(bytes, file);
    probe_pdf(bytes, file);
    probe_image(bytes, file);
    probe_video(bytes, file);
    return file;
}

input_file describe_url(std::string_view url) {
    input_file file;
    file.from_url = true;
    auto path = url.substr(0, url.find_first_of("?#"));
    if (const auto scheme = path.find("://"); scheme != std::string_view::npos) {
        path.remove_prefix(scheme + 3);
        const auto slash = path.find('/');
        path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
    }
    if (const auto slash = path.rfind('/'); slash != std::string_view::npos) {
        path.remove_prefix(slash + 1);
    }
    file.name = std::string{path};
    return file;
}

} // namespace emu::fake
