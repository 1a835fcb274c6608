#pragma once

#include "slam/package/parallel_compression.hpp"
#include "slam/package/project_files.hpp"
#include "slam/package/zip_entry.hpp"

#include <vector>

namespace slam::package {

// Return the embedded Python runtime (slam_handler.py and every module of
// slam_adapter/) as entries at the package root, under their paths
// relative to runtime/.
std::vector<CompressedEntry> runtime_entries();

// Return the sources of runtime_entries(), to compress with the others.
std::vector<EntrySource> runtime_sources();

// Throw slam::Error listing every one of FILES that would replace or join one
// of Slam's own files: slam_handler.py, slam_config.json, or anything at
// slam_adapter (the folder, or a file of that name), or that Python would
// import under the name of Slam's modules (slam_handler/, slam_adapter.py,
// slam_handler.so...), one line per root entry. Slam's files must be the
// ones Lambda imports.
void check_reserved_names(const std::vector<PackageFile>& files);

} // namespace slam::package
