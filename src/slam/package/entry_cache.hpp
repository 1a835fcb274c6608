#pragma once

#include "slam/package/zip_entry.hpp"

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace slam::package {

// Above this many bytes, pruning removes the entries the last build did
// not use.
inline constexpr std::uint64_t k_entry_cache_limit = 256ull << 20;

// Compressed file contents kept across builds in a folder (the project's
// .slam/entries/), one file per content, named by the SHA-256 of the
// content and of the compression settings, so that no content is
// compressed twice. Entries are written atomically and checked when read:
// one that is truncated or altered counts as missing and is rewritten.
// Safe to use from several threads at once.
class EntryCache
{
public:
  explicit EntryCache(std::filesystem::path folder);

  // Return CONTENT as the entry NAME from the cache, or nothing.
  std::optional<CompressedEntry>
  find(std::string_view content, std::string name, bool executable);

  // Keep ENTRY, made from CONTENT, for later builds. A failure to write
  // only loses the saving: it is logged, not thrown.
  void store(std::string_view content, const CompressedEntry& entry);

  // When the folder holds more than MAX_BYTES, remove every file in it
  // that find() and store() have not used since this cache was made.
  void prune(std::uint64_t max_bytes = k_entry_cache_limit);

  const std::filesystem::path& folder() const { return m_folder; }

private:
  std::filesystem::path path_of(std::string_view content);

  std::filesystem::path m_folder;
  std::mutex m_mutex;
  std::set<std::string> m_used; // file names
};

} // namespace slam::package
