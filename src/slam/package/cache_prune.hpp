#pragma once

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>

namespace slam::package {

// When the files of FOLDER add up to more than MAX_BYTES, remove those
// whose names are not in USED: the last build did not need them. Remove
// the temporary files of killed writers in any case.
void prune_unused_files(const std::filesystem::path& folder,
                        const std::set<std::string>& used,
                        std::uint64_t max_bytes);

} // namespace slam::package
