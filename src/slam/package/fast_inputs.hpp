#pragma once

#include "slam/package/build_snapshot.hpp"
#include "slam/package/file_stamp.hpp"
#include "slam/package/zip_layout.hpp"

#include <atomic>
#include <filesystem>
#include <optional>
#include <thread>
#include <vector>

namespace slam::package {

// What a fast build reads besides its snapshot, read on two threads: the
// zip's layout, and the stamps of the snapshot's sources (stat() is most
// of a fast build). The other thread starts at once and reads the layout
// while this one reads the snapshot; then both stamp runs of sources in
// turn. Whatever the other thread has not begun when this one needs it,
// this one does: a thread the kernel starts late (it took 2 ms at times)
// delays nothing.
class FastInputs
{
public:
  explicit FastInputs(std::filesystem::path layout_file);
  FastInputs(const FastInputs&) = delete;
  FastInputs& operator=(const FastInputs&) = delete;
  // Stops the other thread after the run it stamps.
  ~FastInputs();

  // Stamp SOURCES, which must outlive this, from now on.
  void stamp(const std::vector<SnapshotSource>& sources);

  // Return the layout load_layout() gives.
  std::optional<ZipLayout> take_layout();

  // Return the stamps of the sources given to stamp(), in their order.
  std::vector<FileStamp> take_stamps();

private:
  void help(int parent_cpu);
  void read_layout();
  void stamp_runs();

  // Nothing to stamp yet, sources to stamp, or none (the build stopped).
  enum class Stage { waiting, stamping, stopped };

  std::filesystem::path m_layout_file;
  std::atomic<bool> m_layout_claimed{false};
  std::atomic<bool> m_layout_read{false};
  std::optional<ZipLayout> m_layout;
  std::atomic<Stage> m_stage{Stage::waiting};
  const std::vector<SnapshotSource>* m_sources = nullptr;
  std::vector<FileStamp> m_stamps;
  std::atomic<std::size_t> m_next{0}; // the first source no thread took
  std::jthread m_other;               // last: started once the rest is ready
};

} // namespace slam::package
