#pragma once

#include "slam/package/parallel_compression.hpp"

namespace slam::package {

class EntryCache;
class StatIndex;

// An entry and whether it had to be compressed.
struct MadeEntry
{
  CompressedEntry entry;
  bool compressed = false;
};

// Return the entry of SOURCE, a file: from CACHE without reading the file
// when INDEX knows its content by its stamp, else read, taken from CACHE
// or compressed and stored there, and recorded in INDEX.
MadeEntry make_indexed_entry(const EntrySource& source,
                             EntryCache& cache,
                             StatIndex& index);

} // namespace slam::package
