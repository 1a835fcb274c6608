#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace slam::local {

// Return the folder under FOLDERS that holds the zip at ZIP (whose SHA-256
// is SHA256) extracted: FOLDERS/<sha256>, reused when there, else
// extracted into a temporary folder beside it and renamed into place, so
// that a folder by that name is always complete. Other packages' folders
// are removed, except the newest one (another `serve` may still run it).
// Throw slam::Error when the zip cannot be read or a member's name would
// land outside the folder.
std::filesystem::path extract_package(const std::filesystem::path& zip,
                                      const std::string& sha256,
                                      const std::filesystem::path& folders);

// Extract ARCHIVE (a whole zip) into the existing empty folder TARGET.
void extract_zip(std::string_view archive, const std::filesystem::path& target);

} // namespace slam::local
