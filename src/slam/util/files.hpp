#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace slam::util {

// Return the whole content of PATH; throw slam::Error naming it on failure.
std::string read_file(const std::filesystem::path& path);

// Write CONTENT to PATH atomically: a temporary file in the same folder,
// then a rename, so an interruption never leaves a half-written file.
void write_file_atomic(const std::filesystem::path& path,
                       std::string_view content);

// Return a fresh empty directory under the system temporary folder.
std::filesystem::path make_temp_dir(std::string_view prefix);

} // namespace slam::util
