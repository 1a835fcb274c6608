#include "slam/package/package_zip.hpp"

#include "slam/package/entry_cache.hpp"
#include "slam/package/stat_index.hpp"
#include "slam/util/log.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <string_view>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

// Return the identity of SOURCE's content when known without reading a
// file: in memory, or a file INDEX knows by its stamp.
std::optional<ContentId> known_content(const EntrySource& source,
                                       StatIndex& index)
{
  if (source.content) {
    return content_id(*source.content);
  }
  auto stamp = source.stamp ? *source.stamp : stamp_of(source.file);
  return index.find(source.file, stamp);
}

// The entries from the first one not kept on: where each comes from.
struct EndPlan
{
  std::vector<std::size_t> from_zip;     // places in the zip
  std::vector<std::size_t> from_zip_old; // their places in the old zip
  std::vector<std::size_t> to_make;      // places in the zip
  std::vector<std::size_t> to_make_sources;
};

} // namespace

PackageZip::PackageZip(const fs::path& zip,
                       const std::vector<EntrySource>& sources,
                       const std::vector<PackagePart>& parts,
                       EntryCache& cache,
                       StatIndex& index,
                       EnvironmentPrefetch* prefetch,
                       const EntryDone& done)
    : m_zip(zip), m_order(zip_order(sources, parts)),
      m_anchors(package::part_starts(m_order, parts)),
      m_headers(sources.size()), m_elf(sources.size())
{
  m_known.reserve(sources.size());
  for (const auto& source : sources) {
    m_known.push_back(known_content(source, index));
  }
  plan(sources, load_layout(layout_path(zip)));
  if (m_reuse.unchanged) {
    take_unchanged();
  } else {
    make_entries(sources, &cache, &index, prefetch, done);
  }
  // Each entry reused is one this build used, for the cache's pruning.
  for (const auto& known : m_known) {
    if (known) {
      cache.keep(*known);
    }
  }
}

PackageZip::PackageZip(const fs::path& zip,
                       const std::vector<EntrySource>& sources,
                       std::vector<std::size_t> part_starts,
                       std::vector<std::optional<ContentId>> known,
                       std::optional<ZipLayout> layout)
    : m_zip(zip), m_order(sources.size()), m_anchors(std::move(part_starts)),
      m_known(std::move(known)), m_elf(sources.size())
{
  std::iota(m_order.begin(), m_order.end(), std::size_t{0});
  // The names of the layout's zip, which its build checked.
  m_names_checked = true;
  plan(sources, std::move(layout));
  if (m_reuse.unchanged) {
    take_unchanged();
  } else {
    make_entries(sources, nullptr, nullptr, nullptr, {});
  }
}

// Find what the zip there keeps for SOURCES, whose content is m_known.
void PackageZip::plan(const std::vector<EntrySource>& sources,
                      std::optional<ZipLayout> layout)
{
  std::vector<PlannedEntry> planned;
  planned.reserve(sources.size());
  for (auto source : m_order) {
    const auto& known = m_known[source];
    planned.push_back({sources[source].name,
                       sources[source].executable,
                       known ? &*known : nullptr});
  }
  m_reuse = plan_reuse(m_zip, std::move(layout), planned);
  util::debugf("zip layout: {} of {} entries stay in place{}",
               m_reuse.kept,
               planned.size(),
               m_reuse.unchanged ? ", all unchanged" : "");
}

std::pair<std::uint64_t, std::uint64_t> PackageZip::sizes() const
{
  std::uint64_t unzipped = 0;
  std::uint64_t stored = 0;
  auto add = [&](const ZipEntryHeader& header) {
    unzipped += header.size;
    stored += header.stored_size;
  };
  if (m_archive) {
    std::for_each(
        m_archive->headers().begin(), m_archive->headers().end(), add);
  } else {
    for (const auto& entry : m_reuse.layout->entries) {
      add(entry.header);
    }
  }
  return {unzipped, stored};
}

std::uint64_t PackageZip::size() const
{
  return m_archive ? m_archive->size() : m_reuse.layout->zip.size;
}

void PackageZip::take_unchanged()
{
  const auto& entries = m_reuse.layout->entries;
  for (std::size_t place = 0; place < m_order.size(); ++place) {
    auto source = m_order[place];
    if (!m_headers.empty()) {
      m_headers[source] = entries[place].header;
    }
    m_elf[source] = m_known[source]->elf;
  }
}

void PackageZip::make_entries(const std::vector<EntrySource>& sources,
                              EntryCache* cache,
                              StatIndex* index,
                              EnvironmentPrefetch* prefetch,
                              const EntryDone& done)
{
  // Its entries are the archive's once it is made (moved, not copied).
  auto* layout = m_reuse.layout ? &*m_reuse.layout : nullptr;
  auto kept = m_reuse.kept;
  // An entry the old zip has, at any place from the kept ones on, is
  // read from it: the same name, mode and content give the same bytes.
  std::map<std::string_view, std::size_t> old_places;
  for (std::size_t i = kept; layout && i < layout->entries.size(); ++i) {
    old_places.emplace(layout->entries[i].header.name, i);
  }
  EndPlan plan;
  for (std::size_t place = kept; place < m_order.size(); ++place) {
    auto source = m_order[place];
    const auto& known = m_known[source];
    auto old = old_places.find(sources[source].name);
    if (old != old_places.end() && same_entry({sources[source].name,
                                               sources[source].executable,
                                               known ? &*known : nullptr},
                                              layout->entries[old->second])) {
      plan.from_zip.push_back(place);
      plan.from_zip_old.push_back(old->second);
    } else {
      plan.to_make.push_back(place);
      plan.to_make_sources.push_back(source);
    }
  }
  auto stored = layout ? read_stored_entries(m_zip, *layout, plan.from_zip_old)
                       : std::vector<std::string>{};
  auto made = compress_sources_at(sources,
                                  plan.to_make_sources,
                                  cache,
                                  compression_threads(),
                                  done,
                                  index,
                                  prefetch);
  m_compressed = made.compressed;

  std::vector<CompressedEntry> end(m_order.size() - kept);
  m_contents.resize(m_order.size());
  for (std::size_t i = 0; i < plan.from_zip.size(); ++i) {
    auto place = plan.from_zip[i];
    const auto& header = layout->entries[plan.from_zip_old[i]].header;
    end[place - kept] = {header.name,
                         header.executable,
                         header.method,
                         header.crc32,
                         header.size,
                         std::move(stored[i])};
    m_contents[place] = layout->entries[plan.from_zip_old[i]].content_sha256;
    if (done) {
      done(header.size);
    }
  }
  for (std::size_t i = 0; i < plan.to_make.size(); ++i) {
    auto place = plan.to_make[i];
    end[place - kept] = std::move(made.entries[i]);
    m_contents[place] = made.ids[i].sha256;
    m_known[m_order[place]] = std::move(made.ids[i]);
  }
  std::vector<ZipEntryHeader> kept_headers;
  kept_headers.reserve(kept);
  for (std::size_t place = 0; place < kept; ++place) {
    kept_headers.push_back(std::move(layout->entries[place].header));
    m_contents[place] = std::move(layout->entries[place].content_sha256);
  }
  m_archive = std::make_unique<ZipArchive>(
      std::move(kept_headers), std::move(end), m_names_checked);
  for (std::size_t place = 0; place < m_order.size(); ++place) {
    auto source = m_order[place];
    if (!m_headers.empty()) {
      m_headers[source] = m_archive->headers()[place];
    }
    m_elf[source] = m_known[source]->elf;
  }
}

ZipWritten PackageZip::write()
{
  if (!m_archive) {
    return {m_reuse.layout->sha256, true};
  }
  return write_zip(m_zip, *m_archive, m_contents, m_reuse, m_anchors);
}

} // namespace slam::package
