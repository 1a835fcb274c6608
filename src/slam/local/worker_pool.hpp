#pragma once

#include "slam/local/invoker.hpp"
#include "slam/local/worker.hpp"

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace slam::local {

// A fixed number of workers, each given one invocation at a time as
// Lambda does; callers wait for a free one. A worker that cannot take
// another invocation (timed out, crashed, failed to load) is replaced
// when its slot is next used.
class WorkerPool : public Invoker
{
public:
  // Start COUNT workers with SETTINGS, all loading the function at once.
  WorkerPool(WorkerSettings settings, int count);
  ~WorkerPool() override;

  InvocationResult invoke(const std::string& event,
                          const std::string& request_id) override;

  // Replace every worker by one started with SETTINGS: idle ones now,
  // busy ones when their invocation ends.
  void replace(WorkerSettings settings);

  // Return how many workers there are.
  int size() const;

private:
  struct Slot
  {
    std::unique_ptr<Worker> worker;
    std::uint64_t generation = 0;
    bool busy = false;
  };

  // Wait for a free slot, mark it busy and return its index.
  std::size_t acquire();
  void release(std::size_t index);
  // Give SLOT a fresh worker when its own is stale or spent.
  void renew(std::size_t index);

  mutable std::mutex m_mutex;
  std::condition_variable m_freed;
  std::vector<Slot> m_slots;
  WorkerSettings m_settings;
  std::uint64_t m_generation = 0;
};

} // namespace slam::local
