#include "slam/package/entry_cache.hpp"

#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/log.hpp"
#include "slam/util/mapped_file.hpp"

#include <fmt/core.h>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

constexpr std::string_view k_pack_extension = ".pack";

std::string key_of(const ContentId& id)
{
  return util::sha256(id.sha256 + compression_settings());
}

} // namespace

EntryCache::EntryCache(fs::path folder) : m_folder(std::move(folder))
{
  list();
}

EntryCache::~EntryCache()
{
  try {
    if (!m_pending.empty()) {
      prune();
    }
  } catch (...) { // NOLINT(bugprone-empty-catch): saving only saves time
  }
}

// Count the packs and their bytes: what saving needs. Their records are
// indexed when a build first looks for one: a rebuild that rewrites only
// the end of the zip may need none.
void EntryCache::list()
{
  std::error_code error;
  for (fs::directory_iterator it(m_folder, error), end; !error && it != end;
       it.increment(error)) {
    const auto& path = it->path();
    m_bytes += it->file_size(error);
    if (path.extension() != k_pack_extension) {
      m_untidy = true;
      continue;
    }
    m_packs += 1;
    m_pack_paths.push_back(path);
  }
}

// Index every pack; a later pack's record of a key wins, all being equal.
void EntryCache::index_packs()
{
  if (m_indexed) {
    return;
  }
  m_indexed = true;
  for (const auto& path : m_pack_paths) {
    index_pack_file(path);
  }
}

void EntryCache::index_pack_file(const fs::path& path)
{
  std::shared_ptr<const util::MappedFile> bytes;
  try {
    bytes = std::make_shared<const util::MappedFile>(path);
  } catch (const Error& error) {
    util::debugf("entry cache: {}", error.what());
    m_untidy = true;
    return;
  }
  auto index = index_pack(bytes->bytes());
  m_untidy = m_untidy || index.damaged;
  // One pack shared by its records: a path copied for each cost a
  // rebuild as much as the rest of the indexing.
  auto pack = std::make_shared<const Pack>(Pack{path, std::move(bytes)});
  for (auto& record : index.records) {
    m_index.insert_or_assign(std::move(record.key),
                             Location{pack, record.offset, record.size});
  }
}

std::string_view EntryCache::Location::encoded() const
{
  return pack->bytes->bytes().substr(offset, size);
}

std::optional<CompressedEntry>
EntryCache::find(std::string_view content, std::string name, bool executable)
{
  return find(content_id(content), std::move(name), executable);
}

std::optional<CompressedEntry>
EntryCache::find(const ContentId& id, std::string name, bool executable)
{
  auto key = key_of(id);
  auto entry = stored_entry(key, id);
  if (!entry) {
    entry = saved_entry(key, id);
  }
  if (!entry) {
    return std::nullopt;
  }
  entry->name = std::move(name);
  entry->executable = executable;
  return entry;
}

// Return the entry of KEY that store() added since the last prune().
std::optional<CompressedEntry> EntryCache::stored_entry(const std::string& key,
                                                        const ContentId& id)
{
  std::string encoded;
  {
    std::lock_guard lock(m_mutex);
    auto stored = m_pending.find(key);
    if (stored == m_pending.end()) {
      return std::nullopt;
    }
    encoded = stored->second;
  }
  return decode_entry(encoded, id.size, id.crc32);
}

// Return the entry of KEY in a pack; forget it when it is damaged.
std::optional<CompressedEntry> EntryCache::saved_entry(const std::string& key,
                                                       const ContentId& id)
{
  Location location;
  {
    std::lock_guard lock(m_mutex);
    if (m_stale) {
      reload();
    }
    index_packs();
    auto found = m_index.find(key);
    if (found == m_index.end()) {
      return std::nullopt;
    }
    location = found->second;
    m_used.insert(key);
  }
  auto entry = decode_entry(location.encoded(), id.size, id.crc32);
  if (!entry) {
    util::debugf("entry cache: a record of '{}' is damaged; compressing "
                 "again",
                 location.pack->path.string());
    std::lock_guard lock(m_mutex);
    m_index.erase(key);
    m_untidy = true;
  }
  return entry;
}

void EntryCache::keep(const ContentId& id)
{
  // Keyed only when pruning needs it: hashing a key for every entry of
  // a rebuild that rewrites the zip's end cost more than the rest of it.
  std::lock_guard lock(m_mutex);
  m_kept.push_back(id.sha256);
}

void EntryCache::store(std::string_view content, const CompressedEntry& entry)
{
  store(content_id(content), entry);
}

void EntryCache::store(const ContentId& id, const CompressedEntry& entry)
{
  auto key = key_of(id);
  auto encoded = encode_entry(entry);
  std::lock_guard lock(m_mutex);
  m_pending_bytes += m_pending.contains(key) ? 0 : key.size() + encoded.size();
  m_pending.emplace(key, std::move(encoded));
}

void EntryCache::prune(std::uint64_t max_bytes)
{
  std::lock_guard lock(m_mutex);
  if (m_stale) {
    reload();
  }
  // What was written is indexed when used again: a build prunes last.
  try {
    if (needs_compaction(max_bytes)) {
      index_packs();
      for (const auto& sha256 : m_kept) {
        m_used.insert(key_of({sha256}));
      }
      m_stale = true;
      remove_all_but(write_pack(used_records() + pending_records()));
    } else if (!m_pending.empty()) {
      m_stale = true;
      write_pack(pending_records());
    }
  } catch (const Error& error) {
    util::debugf("entry cache: {}", error.what());
  }
  m_pending.clear();
  m_pending_bytes = 0;
}

// Index the folder again, as written: later finds see the new packs.
void EntryCache::reload()
{
  m_stale = false;
  m_indexed = false;
  m_index.clear();
  m_pack_paths.clear();
  m_bytes = 0;
  m_packs = 0;
  m_untidy = false;
  list();
}

bool EntryCache::needs_compaction(std::uint64_t max_bytes) const
{
  auto packs = m_packs + (m_pending.empty() ? 0 : 1);
  return m_untidy || packs > k_entry_cache_packs ||
         m_bytes + m_pending_bytes > max_bytes;
}

// Return the records store() added, in key order.
std::string EntryCache::pending_records() const
{
  std::string records;
  records.reserve(m_pending_bytes);
  for (const auto& [key, encoded] : m_pending) {
    records += key;
    records += encoded;
  }
  return records;
}

// Return the saved records of the used entries that were not stored
// again, in key order.
std::string EntryCache::used_records() const
{
  std::string records;
  for (const auto& key : m_used) {
    auto found = m_index.find(key);
    if (found == m_index.end() || m_pending.contains(key)) {
      continue;
    }
    records += key;
    records += found->second.encoded();
  }
  return records;
}

// Return the pack written, named by its keys; none for no records. A
// key fixes its record's bytes (the content's hash and the compression
// settings), so the keys name the content as well as hashing all of it
// would, which cost a cold build a second SHA-256 of the whole package.
fs::path EntryCache::write_pack(const std::string& records)
{
  if (records.empty()) {
    return {};
  }
  std::error_code error;
  fs::create_directories(m_folder, error);
  std::string keys;
  for (const auto& record : index_pack(records).records) {
    keys += record.key;
  }
  auto name = util::sha256_hex(keys).substr(0, 32);
  auto path = m_folder / (name + std::string(k_pack_extension));
  util::write_file_atomic(path, records);
  return path;
}

void EntryCache::remove_all_but(const fs::path& kept)
{
  std::error_code error;
  std::size_t removed = 0;
  for (fs::directory_iterator it(m_folder, error), end; !error && it != end;
       it.increment(error)) {
    if (it->path() != kept) {
      removed += fs::remove_all(it->path(), error) > 0 ? 1 : 0;
    }
  }
  util::debugf("entry cache: merged the used entries into one pack, "
               "removed {} other files",
               removed);
}

} // namespace slam::package
