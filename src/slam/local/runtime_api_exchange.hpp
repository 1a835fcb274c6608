#pragma once

// One invocation's progress through the runtime API; private to
// runtime_api*.cpp.
#include "slam/local/runtime_api.hpp"

namespace slam::local {

using Clock = std::chrono::steady_clock;

struct RuntimeApi::Exchange
{
  const RuntimeInvocation& invocation;
  // Until the worker takes it: the init limit; then the function timeout.
  Clock::time_point deadline;
  std::optional<Clock::time_point> taken_at;
  std::optional<RuntimeAnswer> answer; // set when the invocation is over
};

} // namespace slam::local
