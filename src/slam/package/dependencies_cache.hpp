#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>

namespace slam::package {

// Return the folder that caches the dependencies of the project in
// PROJECT_DIR.
std::filesystem::path
dependency_cache_root(const std::filesystem::path& project_dir);

// Return the cache entry NAME under ROOT. When it is missing, or when
// REBUILD, call BUILD on an empty temporary folder and rename that into
// place once BUILD returns, so an interruption never leaves a half-built
// entry behind. Set *REUSED, when given, to whether the entry was there.
std::filesystem::path
cached_entry(const std::filesystem::path& root,
             const std::string& name,
             bool rebuild,
             const std::function<void(const std::filesystem::path&)>& build,
             bool* reused = nullptr);

// Remove the entries of ROOT whose names start with PREFIX, except the
// KEEP most recently used ones.
void prune_entries(const std::filesystem::path& root,
                   const std::string& prefix,
                   std::size_t keep);

} // namespace slam::package
