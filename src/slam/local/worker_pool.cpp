#include "slam/local/worker_pool.hpp"

#include "slam/local/request_ids.hpp"
#include "slam/local/runtime_api.hpp"

#include <algorithm>
#include <exception>
#include <nlohmann/json.hpp>

namespace slam::local {

WorkerPool::WorkerPool(WorkerSettings settings, int count)
    : m_slots(static_cast<std::size_t>(std::max(1, count))),
      m_settings(std::move(settings))
{
  // Starting only spawns: the workers load the function in parallel.
  for (std::size_t i = 0; i < m_slots.size(); ++i) {
    m_slots[i].worker =
        std::make_unique<Worker>(m_settings, static_cast<int>(i + 1));
  }
}

WorkerPool::~WorkerPool() = default;

int WorkerPool::size() const
{
  return static_cast<int>(m_slots.size());
}

InvocationResult WorkerPool::invoke(const std::string& event,
                                    const std::string& request_id)
{
  auto id = request_id.empty() ? random_uuid() : request_id;
  if (event.size() > k_payload_limit) {
    nlohmann::json error = {{"errorMessage",
                             "Request must be smaller than " +
                                 std::to_string(k_payload_limit) +
                                 " bytes for the InvokeFunction operation"},
                            {"errorType", "RequestEntityTooLargeException"}};
    return {Outcome::too_large, error.dump(), id, {}};
  }
  auto index = acquire();
  try {
    renew(index);
    auto result = m_slots[index].worker->invoke(event, id);
    release(index);
    return result;
  } catch (...) {
    release(index);
    throw;
  }
}

std::size_t WorkerPool::acquire()
{
  std::unique_lock lock(m_mutex);
  auto free = m_slots.end();
  m_freed.wait(lock, [&] {
    free = std::find_if(m_slots.begin(), m_slots.end(), [](const Slot& slot) {
      return !slot.busy;
    });
    return free != m_slots.end();
  });
  free->busy = true;
  return static_cast<std::size_t>(free - m_slots.begin());
}

void WorkerPool::release(std::size_t index)
{
  {
    std::lock_guard lock(m_mutex);
    m_slots[index].busy = false;
  }
  m_freed.notify_one();
}

void WorkerPool::renew(std::size_t index)
{
  auto& slot = m_slots[index]; // busy: this thread's alone
  WorkerSettings settings;
  {
    std::lock_guard lock(m_mutex);
    if (slot.worker && slot.worker->usable() &&
        slot.generation == m_generation) {
      return;
    }
    settings = m_settings;
    slot.generation = m_generation;
  }
  slot.worker.reset();
  slot.worker = std::make_unique<Worker>(settings, static_cast<int>(index + 1));
}

void WorkerPool::replace(WorkerSettings settings)
{
  std::vector<std::size_t> idle;
  {
    std::lock_guard lock(m_mutex);
    m_settings = std::move(settings);
    ++m_generation;
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
      if (!m_slots[i].busy) {
        m_slots[i].busy = true;
        idle.push_back(i);
      }
    }
  }
  // Every slot taken here is released, even when a start fails.
  std::exception_ptr failure;
  for (auto index : idle) {
    try {
      renew(index);
    } catch (...) {
      failure = std::current_exception();
    }
    release(index);
  }
  if (failure) {
    std::rethrow_exception(failure);
  }
}

} // namespace slam::local
