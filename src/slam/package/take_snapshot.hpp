#pragma once

#include "slam/package/build_inputs.hpp"
#include "slam/package/build_snapshot.hpp"
#include "slam/package/package_order.hpp"
#include "slam/package/parallel_compression.hpp"
#include "slam/util/log.hpp"

#include <optional>
#include <vector>

namespace slam::config {
struct Config;
}

// How a build of the long way takes its snapshot (build_snapshot.hpp):
// the inputs and messages while it runs, then its entries.

namespace slam::package {

class PackageZip;

// Records the inputs and messages of a build while alive.
class SnapshotTaking
{
public:
  SnapshotTaking();
  ~SnapshotTaking();
  SnapshotTaking(const SnapshotTaking&) = delete;
  SnapshotTaking& operator=(const SnapshotTaking&) = delete;

  // Keep the entries of ZIP, made from SOURCES of PARTS.
  void take_entries(const std::vector<EntrySource>& sources,
                    const std::vector<PackagePart>& parts,
                    const PackageZip& zip);

  // Return the snapshot of the build of CONFIG, whose dependencies came
  // from their cache when DEPENDENCIES_REUSED, once it finished; nothing
  // when its inputs cannot be trusted or its entries were not taken.
  std::optional<BuildSnapshot> finish(const config::Config& config,
                                      std::optional<bool> dependencies_reused);

private:
  BuildInputs m_inputs;
  std::vector<util::ToldMessage> m_told;
  std::optional<InputRecording> m_recording;
  BuildSnapshot m_snapshot;
  bool m_has_entries = false;
};

} // namespace slam::package
