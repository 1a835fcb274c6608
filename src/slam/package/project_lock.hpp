#pragma once

#include "slam/util/file_lock.hpp"

#include <filesystem>
#include <string_view>

namespace slam::package {

// Throw slam::Error when the project's .slam in PROJECT_DIR is there but
// no folder: every cache write would fail with a bare "Not a directory".
void check_cache_folder(const std::filesystem::path& project_dir);

// Return the lock on the build cache (.slam/) of the project in
// PROJECT_DIR, taken for ACTIVITY ("building", "deploying"), which one
// slam holds at a time: two builds at once would rewrite the same zip and
// prune each other's cache entries. While another slam holds it, say so
// and wait (Ctrl-C stops the wait). Once it is taken, remove what killed
// runs left behind.
util::FileLock lock_project(const std::filesystem::path& project_dir,
                            std::string_view activity);

} // namespace slam::package
