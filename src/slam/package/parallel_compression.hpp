#pragma once

#include "slam/package/content_id.hpp"
#include "slam/package/file_stamp.hpp"
#include "slam/package/zip_entry.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace slam::package {

class EntryCache;
class EnvironmentPrefetch;
class StatIndex;

// What goes into one zip entry: a file's content, read when its turn
// comes, or content already in memory.
struct EntrySource
{
  std::string name;
  bool executable = false;
  std::filesystem::path file;         // read when CONTENT is empty
  std::optional<std::string> content; // in memory
  // FILE's stamp when it was listed: a file that no longer has it after
  // being read is an error (see check_unchanged()).
  std::optional<FileStamp> stamp{};
};

// Entries made from sources, and how many were compressed now or taken
// from the cache.
struct CompressedEntries
{
  std::vector<CompressedEntry> entries; // in the order of the sources
  // Whether each source's content starts with the ELF magic: what the
  // native-file check needs of files not named like native code, learnt
  // while packing (or from the stat index) instead of by opening each.
  std::vector<bool> elf;
  std::vector<ContentId> ids; // of each source's content
  std::size_t compressed = 0;
  std::size_t cached = 0;
};

// Return the number of threads for compression: one per core, at least 1.
unsigned compression_threads();

// Called with the unzipped size of each entry once it is made, from any of
// the threads (so it must be thread-safe): progress drawing.
using EntryDone = std::function<void(std::uint64_t size)>;

// Return SOURCES as entries, each taken from CACHE (when not null) or
// compressed there and stored in it, on THREADS threads. With a CACHE,
// INDEX (when not null) spares reading the files it knows, and PREFETCH
// (when not null) compressing the files it already did. The result does
// not depend on THREADS or on their timing. The first error, in the order
// of the sources, is thrown once all threads have stopped; a file that
// changed since its stamp is one, and none of its bytes go to CACHE.
CompressedEntries compress_sources(const std::vector<EntrySource>& sources,
                                   EntryCache* cache,
                                   unsigned threads = compression_threads(),
                                   const EntryDone& done = {},
                                   StatIndex* index = nullptr,
                                   EnvironmentPrefetch* prefetch = nullptr);

// Return, as compress_sources() does, the entries of the SOURCES at
// INDEXES, in that order.
CompressedEntries compress_sources_at(const std::vector<EntrySource>& sources,
                                      const std::vector<std::size_t>& indexes,
                                      EntryCache* cache,
                                      unsigned threads,
                                      const EntryDone& done,
                                      StatIndex* index,
                                      EnvironmentPrefetch* prefetch);

} // namespace slam::package
