#pragma once

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace slam::util {

// Keep OBJECT until the process ends instead of destroying it now: freeing
// a structure of ten thousand small allocations cost a fast rebuild more
// (0.4 ms) than writing its zip, and the system takes a process's memory
// back whole. Only for what a command that ends soon after made: a
// long-running one (serve) would keep every build's.
template <typename T>
void keep_until_exit(T object)
{
  static std::mutex lock;
  // Never freed, and reachable to the end: leak checkers do not count it.
  static auto* kept = new std::vector<std::shared_ptr<void>>();
  auto held = std::make_shared<T>(std::move(object));
  std::lock_guard guard(lock);
  kept->push_back(std::move(held));
}

} // namespace slam::util
