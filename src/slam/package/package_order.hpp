#pragma once

#include "slam/package/parallel_compression.hpp"

#include <cstddef>
#include <vector>

namespace slam::package {

// The parts of a package, in the zip's order: what changes least comes
// first, so that a rebuild after a change to the project writes only the
// end of the zip (see zip_layout.hpp). A .pyc belongs to its source's part.
enum class PackagePart {
  dependencies, // the requirements' files: change when they are upgraded
  runtime,      // Slam's own files: change when Slam does
  project,      // the project's files and slam_config.json
};

// Return the indexes of SOURCES in the zip's order: by their PARTS (one
// per source), then by name. Depends on nothing else, so that the same
// files give the same zip wherever they are.
std::vector<std::size_t> zip_order(const std::vector<EntrySource>& sources,
                                   const std::vector<PackagePart>& parts);

// Return the places in ORDER (as zip_order() returns it for PARTS) where
// a part begins, but the first.
std::vector<std::size_t> part_starts(const std::vector<std::size_t>& order,
                                     const std::vector<PackagePart>& parts);

} // namespace slam::package
