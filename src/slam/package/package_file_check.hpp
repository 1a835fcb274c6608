#pragma once

#include <cstdint>
#include <filesystem>

namespace slam::package {

// The largest package file Slam deploys: Lambda unpacks at most 250 MiB,
// and a zip is not bigger than its content.
inline constexpr std::uint64_t k_max_package_file_size = 250ull << 20;

// Throw slam::UsageError, naming the --lambda-package option, unless PATH
// is a regular file (or a symlink to one) of at most
// k_max_package_file_size bytes that starts like a zip archive. Only its
// first bytes are read, so a device or a huge file is refused at once.
void check_package_file(const std::filesystem::path& path);

} // namespace slam::package
