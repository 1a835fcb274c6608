#include "slam/package/indexed_entry.hpp"

#include "slam/package/entry_cache.hpp"
#include "slam/package/environment_prefetch.hpp"
#include "slam/package/stat_index.hpp"

namespace slam::package {
namespace {

// Return PREFETCHED as the entry of SOURCE, kept in CACHE and INDEX as if
// compressed now.
MadeEntry take_prefetched(const EntrySource& source,
                          PrefetchedEntry prefetched,
                          EntryCache& cache,
                          StatIndex& index)
{
  index.record(source.file, prefetched.stamp, prefetched.id);
  cache.store(prefetched.id, prefetched.entry);
  auto& entry = prefetched.entry;
  entry.name = source.name;
  entry.executable = source.executable;
  return {std::move(entry), true, std::move(prefetched.id)};
}

} // namespace

MadeEntry make_indexed_entry(const EntrySource& source,
                             EntryCache& cache,
                             StatIndex& index,
                             EnvironmentPrefetch* prefetch)
{
  // The stamp the file was listed with, when it was: the one its entry
  // must be of.
  auto stamp = source.stamp ? *source.stamp : stamp_of(source.file);
  if (prefetch) {
    if (auto prefetched = prefetch->take(source.file, stamp)) {
      return take_prefetched(source, std::move(*prefetched), cache, index);
    }
  }
  if (auto id = index.find(source.file, stamp)) {
    if (auto entry = cache.find(*id, source.name, source.executable)) {
      return {std::move(*entry), false, std::move(*id)};
    }
  }
  auto [content, read_stamp] = read_stamped(source.file);
  if (source.stamp) {
    check_unchanged(source.file, *source.stamp);
  }
  auto id = content_id(content);
  index.record(source.file, read_stamp, id);
  if (auto entry = cache.find(id, source.name, source.executable)) {
    return {std::move(*entry), false, std::move(id)};
  }
  MadeEntry made{
      compress_entry(source.name, content, source.executable), true, id};
  cache.store(id, made.entry);
  return made;
}

} // namespace slam::package
