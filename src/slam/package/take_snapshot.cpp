#include "slam/package/take_snapshot.hpp"

#include "slam/config/config.hpp"
#include "slam/package/fast_build.hpp"
#include "slam/package/package_zip.hpp"

namespace fs = std::filesystem;

namespace slam::package {
namespace {

// Return whether every one of EXACT was settled at NOW: a change within
// the timestamp granularity could keep its stamp.
bool all_settled(const std::vector<ExactInput>& exact, std::int64_t now)
{
  for (const auto& input : exact) {
    if (!settled_before(input.stamp, now)) {
      util::debugf("no build snapshot: '{}' changed just now", input.path);
      return false;
    }
  }
  return true;
}

} // namespace

SnapshotTaking::SnapshotTaking()
{
  m_recording.emplace(m_inputs);
  util::keep_told_messages(&m_told);
}

SnapshotTaking::~SnapshotTaking()
{
  util::keep_told_messages(nullptr);
}

void SnapshotTaking::take_entries(const std::vector<EntrySource>& sources,
                                  const std::vector<PackagePart>& parts,
                                  const PackageZip& zip)
{
  auto now = now_ns();
  auto& taken = m_snapshot.sources;
  taken.clear();
  taken.reserve(sources.size());
  for (auto index : zip.order()) {
    const auto& source = sources[index];
    SnapshotSource entry;
    entry.part = parts[index];
    entry.elf = zip.elf()[index];
    if (!source.content) {
      entry.file = source.file.string();
      entry.stamp = source.stamp ? *source.stamp : FileStamp{};
      entry.unsettled = !settled_before(entry.stamp, now);
    }
    taken.push_back(std::move(entry));
  }
  m_snapshot.part_starts = zip.part_starts();
  m_has_entries = true;
}

std::optional<BuildSnapshot>
SnapshotTaking::finish(const config::Config& config,
                       std::optional<bool> dependencies_reused)
{
  util::keep_told_messages(nullptr);
  m_recording.reset();
  if (!m_inputs.distrusted().empty()) {
    util::debugf("no build snapshot: {}", m_inputs.distrusted());
    return std::nullopt;
  }
  // A build that ran pip told what a rebuild does not do; with bytecode
  // every build takes the long way (fast_build.hpp).
  if (!m_has_entries || dependencies_reused == false ||
      config.package.compile) {
    return std::nullopt;
  }
  auto now = now_ns();
  m_snapshot.exact = m_inputs.exact();
  if (!all_settled(m_snapshot.exact, now)) {
    return std::nullopt;
  }
  for (auto& folder : m_inputs.folders()) {
    bool unsettled = !settled_before(folder.stamp, now);
    m_snapshot.folders.push_back({std::move(folder), unsettled});
  }
  m_snapshot.key = snapshot_key(config);
  m_snapshot.dependencies_reused = dependencies_reused;
  m_snapshot.messages = std::move(m_told);
  return std::move(m_snapshot);
}

} // namespace slam::package
