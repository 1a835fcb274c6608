#pragma once

// The state a RuntimeApi shares between its routes and its invoking
// thread; private to runtime_api*.cpp.
#include "slam/local/runtime_api.hpp"

namespace slam::local {

using Clock = std::chrono::steady_clock;

// What the worker and the invoking thread share, under one lock.
struct RuntimeApi::State
{
  mutable std::mutex mutex;
  std::condition_variable changed;
  std::optional<RuntimeInvocation> offered; // not taken yet
  std::string current_id;                   // taken, not answered yet
  std::string answered_id;                  // the last one answered
  std::optional<Clock::time_point> taken_at;
  std::optional<RuntimeAnswer> answer;
  std::optional<std::string> init_error;
  bool initialized = false; // the worker asked for an invocation
  std::optional<Clock::time_point> ready_at; // when it first did
  bool exited = false;
  bool closing = false;
};

} // namespace slam::local
