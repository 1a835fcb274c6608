#pragma once

#include <filesystem>
#include <string>

namespace slam::util {

// Return the SHA-256 of the file at PATH as 64 lowercase hex digits,
// reading it in pieces; throw slam::Error naming it when it cannot be
// read.
std::string sha256_file_hex(const std::filesystem::path& path);

} // namespace slam::util
