#pragma once

#include "slam/package/content_id.hpp"
#include "slam/package/parallel_compression.hpp"

namespace slam::package {

class EntryCache;
class EnvironmentPrefetch;
class StatIndex;

// An entry, whether it had to be compressed, and the identity of its
// content (which says whether it starts with the ELF magic).
struct MadeEntry
{
  CompressedEntry entry;
  bool compressed = false;
  ContentId id;
};

// Return the entry of SOURCE, a file: taken from PREFETCH (when not null)
// if it compressed the file as it is, from CACHE without reading the file
// when INDEX knows its content by its stamp, else read, taken from CACHE
// or compressed and stored there. INDEX and CACHE record what was read or
// compressed.
MadeEntry make_indexed_entry(const EntrySource& source,
                             EntryCache& cache,
                             StatIndex& index,
                             EnvironmentPrefetch* prefetch = nullptr);

} // namespace slam::package
