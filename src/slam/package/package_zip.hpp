#pragma once

#include "slam/package/package_order.hpp"
#include "slam/package/parallel_compression.hpp"
#include "slam/package/zip_write.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

namespace slam::package {

class EntryCache;
class EnvironmentPrefetch;
class StatIndex;

// A package's zip as a build makes it: its entries in the zip's order
// (package_order.hpp), of which it makes only those the zip there does
// not hold already (zip_reuse.hpp), ready to be checked and written.
class PackageZip
{
public:
  // Lay out the entries of SOURCES, each of the part PARTS gives, for the
  // zip at ZIP: those its layout says it holds as they are stay or are
  // read from it, the others are made as compress_sources() makes them
  // with CACHE, INDEX and PREFETCH, calling DONE for each.
  PackageZip(const std::filesystem::path& zip,
             const std::vector<EntrySource>& sources,
             const std::vector<PackagePart>& parts,
             EntryCache& cache,
             StatIndex& index,
             EnvironmentPrefetch* prefetch,
             const EntryDone& done);

  // Lay out SOURCES, already in the zip's order with parts beginning at
  // PART_STARTS, each of the content KNOWN says (all known), for the zip
  // at ZIP whose layout is LAYOUT: as above, with the entries to make
  // compressed without a cache (a fast rebuild, fast_build.hpp).
  PackageZip(const std::filesystem::path& zip,
             const std::vector<EntrySource>& sources,
             std::vector<std::size_t> part_starts,
             std::vector<std::optional<ContentId>> known,
             std::optional<ZipLayout> layout);

  // Return the index in SOURCES of each entry, in the zip's order.
  const std::vector<std::size_t>& order() const { return m_order; }

  // Return where each part but the first begins in the zip's order.
  const std::vector<std::size_t>& part_starts() const { return m_anchors; }

  // Return what the headers say of each entry, in the order of SOURCES;
  // none for a fast rebuild's zip, whose copy of them cost it 0.15 ms
  // (sizes() gives what it needs).
  const std::vector<ZipEntryHeader>& headers() const { return m_headers; }

  // Return the entries' unzipped and stored sizes, summed.
  std::pair<std::uint64_t, std::uint64_t> sizes() const;

  // Return whether each source's content starts with the ELF magic.
  const std::vector<bool>& elf() const { return m_elf; }

  std::size_t compressed() const { return m_compressed; }
  // Return whether every entry is as the zip there has it.
  bool unchanged() const { return m_reuse.unchanged; }
  std::size_t cached() const { return m_order.size() - m_compressed; }
  std::uint64_t size() const;

  // Write the zip and its layout, nothing when the zip there is the same;
  // throw slam::Error when it cannot be written.
  ZipWritten write();

private:
  void plan(const std::vector<EntrySource>& sources,
            std::optional<ZipLayout> layout);
  void take_unchanged();
  void make_entries(const std::vector<EntrySource>& sources,
                    EntryCache* cache,
                    StatIndex* index,
                    EnvironmentPrefetch* prefetch,
                    const EntryDone& done);

  std::filesystem::path m_zip;
  std::vector<std::size_t> m_order;   // source of each entry, in order
  std::vector<std::size_t> m_anchors; // where each part begins
  std::vector<std::optional<ContentId>> m_known; // by source
  ZipReuse m_reuse;
  std::unique_ptr<ZipArchive> m_archive; // none when unchanged
  std::vector<std::string> m_contents;   // content SHA-256s, in order
  std::vector<ZipEntryHeader> m_headers; // by source; none in a fast one
  std::vector<bool> m_elf;               // by source
  std::size_t m_compressed = 0;
  bool m_names_checked = false; // the names are those of the layout's zip
};

} // namespace slam::package
