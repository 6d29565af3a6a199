#include "tests/integration/support/temp_file.hpp"

#include <fstream>
#include <stdexcept>
#include <stdlib.h>
#include <string>
#include <unistd.h>

namespace emu::testing {

temp_file::temp_file(std::string_view content, std::string_view suffix) {
    auto pattern = (std::filesystem::temp_directory_path() / "edenmock-XXXXXX").string();
    pattern += suffix;
    // mkstemps creates the file with a unique name, so parallel tests never share one.
    const int fd = mkstemps(pattern.data(), static_cast<int>(suffix.size()));
    if (fd < 0) {
        throw std::runtime_error("cannot create a temporary file like " + pattern);
    }
    close(fd);
    path_ = pattern;
    std::ofstream out{path_, std::ios::binary | std::ios::trunc};
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
        throw std::runtime_error("cannot write " + path_.string());
    }
}

temp_file::~temp_file() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
}

} // namespace emu::testing
