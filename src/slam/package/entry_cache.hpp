#pragma once

#include "slam/package/content_id.hpp"
#include "slam/package/entry_pack.hpp"
#include "slam/package/zip_entry.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace slam::util {
class MappedFile;
}

namespace slam::package {

// Above this many bytes, pruning removes the entries the last build did
// not use.
inline constexpr std::uint64_t k_entry_cache_limit = 256ull << 20;

// Past this many packs, saving merges the used entries into one.
inline constexpr std::size_t k_entry_cache_packs = 8;

// Compressed file contents kept across builds in a folder (the project's
// .slam/entries/), keyed by the SHA-256 of the content and of the
// compression settings, so that no content is compressed twice. The
// entries one build stores go into one new pack file (entry_pack.hpp),
// written atomically; entries are checked when read: one that is truncated
// or altered counts as missing and is stored again. Safe to use from
// several threads at once.
class EntryCache
{
public:
  explicit EntryCache(std::filesystem::path folder);

  // Save what store() added since the last prune(); a failure is logged, not
  // thrown.
  ~EntryCache();

  EntryCache(const EntryCache&) = delete;
  EntryCache& operator=(const EntryCache&) = delete;

  // Return CONTENT as the entry NAME from the cache, or nothing.
  std::optional<CompressedEntry>
  find(std::string_view content, std::string name, bool executable);

  // Return the content identified by ID as the entry NAME from the cache,
  // or nothing: what a build takes without reading the file.
  std::optional<CompressedEntry>
  find(const ContentId& id, std::string name, bool executable);

  // Count the content identified by ID as used by this build, which took
  // its entry from elsewhere (the zip it rewrites): pruning keeps it.
  void keep(const ContentId& id);

  // Keep ENTRY, made from CONTENT, for later builds (written by prune()).
  void store(std::string_view content, const CompressedEntry& entry);

  // Keep ENTRY, made from the content identified by ID.
  void store(const ContentId& id, const CompressedEntry& entry);

  // Write the entries stored since the last call into a new pack. When
  // the folder then holds more than MAX_BYTES, more than
  // k_entry_cache_packs packs, a damaged pack or any other file, replace
  // it all by one pack of the entries find() and store() used. A failure
  // to write only loses the saving: it is logged, not thrown.
  void prune(std::uint64_t max_bytes = k_entry_cache_limit);

  const std::filesystem::path& folder() const { return m_folder; }

private:
  // Where an entry is: a pack, mapped whole once (reading each record
  // apart cost a rebuild a system call or three per entry, reading each
  // pack whole a rebuild that needs few entries the whole cache), and a
  // record in it.
  struct Pack
  {
    std::filesystem::path path;
    std::shared_ptr<const util::MappedFile> bytes;
  };
  struct Location
  {
    std::shared_ptr<const Pack> pack;
    std::uint64_t offset = 0; // of the encoded entry
    std::uint64_t size = 0;

    std::string_view encoded() const;
  };

  std::optional<CompressedEntry> stored_entry(const std::string& key,
                                              const ContentId& id);
  std::optional<CompressedEntry> saved_entry(const std::string& key,
                                             const ContentId& id);
  std::string pending_records() const;
  void list();
  void index_packs();
  void index_pack_file(const std::filesystem::path& path);
  void reload();
  bool needs_compaction(std::uint64_t max_bytes) const;
  std::string used_records() const;
  std::filesystem::path write_pack(const std::string& records);
  void remove_all_but(const std::filesystem::path& kept);

  std::filesystem::path m_folder;
  std::mutex m_mutex;
  std::vector<std::filesystem::path> m_pack_paths;
  bool m_indexed = false;                       // m_index holds them
  std::map<std::string, Location> m_index;      // key -> saved entry
  std::set<std::string> m_used;                 // keys
  std::vector<std::string> m_kept;              // content SHA-256s
  std::map<std::string, std::string> m_pending; // key -> encoded entry
  std::uint64_t m_pending_bytes = 0;            // as records
  std::uint64_t m_bytes = 0;
  std::size_t m_packs = 0;
  bool m_untidy = false; // a damaged pack or a file that is no pack
  bool m_stale = false;  // prune() wrote: index the folder again
};

} // namespace slam::package
