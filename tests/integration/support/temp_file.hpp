#pragma once

#include <filesystem>
#include <string_view>

namespace emu::testing {

// A file with the given content in the temporary directory, removed on destruction.
class temp_file {
public:
    // `suffix` ends the file name, e.g. ".pem". Throws std::runtime_error when it cannot be made.
    explicit temp_file(std::string_view content, std::string_view suffix = {});

    ~temp_file();

    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

} // namespace emu::testing
