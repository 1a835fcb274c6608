#include "slam/package/fast_inputs.hpp"

#include "slam/package/folder_stamps.hpp"

#include <algorithm>
#include <limits>
#include <sched.h>

namespace slam::package {
namespace {

// Move this thread off CPU, where the thread that started it runs: the
// kernel often starts a thread on its parent's CPU, and there, busy with
// stat(), it kept the parent from running for milliseconds.
void leave_cpu(int cpu)
{
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  if (cpu < 0 || ::sched_getaffinity(0, sizeof allowed, &allowed) != 0) {
    return;
  }
  CPU_CLR(cpu, &allowed);
  if (CPU_COUNT(&allowed) > 0) {
    ::sched_setaffinity(0, sizeof allowed, &allowed);
  }
}

} // namespace

FastInputs::FastInputs(std::filesystem::path layout_file)
    : m_layout_file(std::move(layout_file)),
      m_other([this, cpu = ::sched_getcpu()] { help(cpu); })
{
}

FastInputs::~FastInputs()
{
  auto waiting = Stage::waiting;
  if (!m_stage.compare_exchange_strong(waiting, Stage::stopped)) {
    // Past every source, with room for the runs still taken after it.
    m_next = std::numeric_limits<std::size_t>::max() / 2;
  }
  m_stage.notify_all();
}

void FastInputs::stamp(const std::vector<SnapshotSource>& sources)
{
  m_sources = &sources;
  m_stamps.resize(sources.size());
  m_stage = Stage::stamping;
  m_stage.notify_all();
}

std::optional<ZipLayout> FastInputs::take_layout()
{
  read_layout();
  m_layout_read.wait(false);
  return std::move(m_layout);
}

std::vector<FileStamp> FastInputs::take_stamps()
{
  stamp_runs();
  m_other.join();
  return std::move(m_stamps);
}

void FastInputs::help(int parent_cpu)
{
  leave_cpu(parent_cpu);
  read_layout();
  m_stage.wait(Stage::waiting);
  if (m_stage == Stage::stamping) {
    stamp_runs();
  }
}

void FastInputs::read_layout()
{
  if (m_layout_claimed.exchange(true)) {
    return;
  }
  try {
    m_layout = load_layout(m_layout_file);
  } catch (...) {
    // Not on this thread: the long way reads it again and says why.
    m_layout.reset();
  }
  m_layout_read = true;
  m_layout_read.notify_all();
}

void FastInputs::stamp_runs()
{
  // Long enough that a run's files share their folders' lookups, short
  // enough that the thread that starts late still takes its share.
  constexpr std::size_t k_run = 256;
  const auto& sources = *m_sources;
  FolderStamps folders;
  for (;;) {
    auto begin = m_next.fetch_add(k_run, std::memory_order_relaxed);
    if (begin >= sources.size()) {
      return;
    }
    auto end = std::min(begin + k_run, sources.size());
    for (auto i = begin; i < end; ++i) {
      if (!sources[i].file.empty()) {
        m_stamps[i] = folders.stamp(sources[i].file);
      }
    }
  }
}

} // namespace slam::package
