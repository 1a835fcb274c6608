#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace slam::package {

// How far the packing of files has come.
struct PackingState
{
  std::size_t files_done = 0;
  std::size_t files_total = 0;
  std::uint64_t bytes_done = 0; // unzipped

  bool operator==(const PackingState&) const = default;
};

// Return STATE as a status line: "packing 120/3400 files, 12.3 MiB".
std::string format_packing(const PackingState& state);

// Return whether a status line is due SINCE_START into the work, when the
// last one was drawn SINCE_DRAWN ago (nullopt: none yet): only after half
// a second, so quick builds stay silent, and at most ten times a second.
bool is_status_due(std::chrono::milliseconds since_start,
                   std::optional<std::chrono::milliseconds> since_drawn);

// Where a build's caches helped.
struct CacheHits
{
  // Whether the dependencies came from the dependency cache; nullopt when
  // the project has none or they are read from a python environment.
  std::optional<bool> dependencies{};
  // How many of the zip's entries came compressed from an entry cache;
  // nullopt while there is no such cache.
  std::optional<std::size_t> entries{};
};

// What the summary line of a build tells.
struct BuildSummary
{
  std::size_t files = 0;
  std::uint64_t size = 0; // zipped
  std::uint64_t unzipped_size = 0;
  std::chrono::milliseconds elapsed{};
  CacheHits cache{};
  bool unchanged = false;
};

// Return SUMMARY as one line: "packaged 12 files, 1.2 MiB (3.4 MiB
// unzipped) in 0.8 s; cache: dependencies reused".
std::string format_build_summary(const BuildSummary& summary);

// Draws the packing state on the status line (util::show_status) while
// files are packed, and clears it when destroyed. Safe to call from
// several threads.
class PackingProgress
{
public:
  explicit PackingProgress(std::size_t files_total);
  ~PackingProgress();
  PackingProgress(const PackingProgress&) = delete;
  PackingProgress& operator=(const PackingProgress&) = delete;

  // Count one more packed file of BYTES unzipped bytes.
  void add_file(std::uint64_t bytes);

private:
  using Clock = std::chrono::steady_clock;

  std::mutex m_mutex;
  PackingState m_state;
  Clock::time_point m_start = Clock::now();
  std::optional<Clock::time_point> m_drawn;
};

} // namespace slam::package
