#include "slam/package/build_progress.hpp"

#include "slam/package/size_report.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>

namespace slam::package {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds k_status_delay{500};
constexpr milliseconds k_status_interval{100};

std::string format_cache(const CacheHits& cache, std::size_t files)
{
  std::string text;
  auto add = [&text](const std::string& part) {
    text += text.empty() ? "; cache: " : ", ";
    text += part;
  };
  if (cache.dependencies) {
    add(*cache.dependencies ? "dependencies reused" : "dependencies installed");
  }
  if (cache.entries) {
    add(fmt::format("{} of {} entries reused", *cache.entries, files));
  }
  return text;
}

} // namespace

std::string format_packing(const PackingState& state)
{
  return fmt::format("packing {}/{} files, {}",
                     state.files_done,
                     state.files_total,
                     human_size(state.bytes_done));
}

bool is_status_due(milliseconds since_start,
                   std::optional<milliseconds> since_drawn)
{
  if (since_start < k_status_delay) {
    return false;
  }
  return !since_drawn || *since_drawn >= k_status_interval;
}

std::string format_build_summary(const BuildSummary& summary)
{
  return fmt::format("packaged {} files, {} ({} unzipped) in {:.1f} s{}{}",
                     summary.files,
                     human_size(summary.size),
                     human_size(summary.unzipped_size),
                     static_cast<double>(summary.elapsed.count()) / 1000.0,
                     summary.unchanged ? ", unchanged" : "",
                     format_cache(summary.cache, summary.files));
}

PackingProgress::PackingProgress(std::size_t files_total)
{
  m_state.files_total = files_total;
}

PackingProgress::~PackingProgress()
{
  util::clear_status();
}

void PackingProgress::add_file(std::uint64_t bytes)
{
  std::lock_guard lock(m_mutex);
  m_state.files_done += 1;
  m_state.bytes_done += bytes;
  if (!util::status_enabled()) {
    return;
  }
  auto now = Clock::now();
  std::optional<milliseconds> since_drawn;
  if (m_drawn) {
    since_drawn = std::chrono::duration_cast<milliseconds>(now - *m_drawn);
  }
  if (is_status_due(std::chrono::duration_cast<milliseconds>(now - m_start),
                    since_drawn)) {
    util::show_status(format_packing(m_state));
    m_drawn = now;
  }
}

} // namespace slam::package
