#include "slam/package/cache_prune.hpp"

#include "slam/util/files.hpp"
#include "slam/util/log.hpp"

#include <vector>

namespace fs = std::filesystem;

namespace slam::package {

void prune_unused_files(const fs::path& folder,
                        const std::set<std::string>& used,
                        std::uint64_t max_bytes)
{
  std::error_code error;
  std::uint64_t total = 0;
  std::vector<fs::path> unused;
  for (fs::directory_iterator it(folder, error), end; !error && it != end;
       it.increment(error)) {
    if (util::is_abandoned_temp_file(it->path().filename().native())) {
      std::error_code ignored;
      fs::remove(it->path(), ignored); // left by a killed slam
      continue;
    }
    total += it->file_size(error);
    if (!used.contains(it->path().filename().string())) {
      unused.push_back(it->path());
    }
  }
  if (total <= max_bytes) {
    return;
  }
  for (const auto& path : unused) {
    fs::remove(path, error);
  }
  util::debugf("cache '{}': {} bytes over {}; removed {} unused files",
               folder.string(),
               total,
               max_bytes,
               unused.size());
}

} // namespace slam::package
