#pragma once

#include "slam/util/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace slam::fuzz {

// Return the bytes libFuzzer passes as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size)
{
  return {reinterpret_cast<const char*>(data), size};
}

// Run STEP on one input. Rejecting the input with slam::Error is what
// Slam does with bad input (a message and exit 1); any other exception
// reaches the user as an "internal error" and is left to escape, so that
// libFuzzer reports it as a finding along with crashes and sanitizer
// reports.
template <typename Step>
void accept_or_reject(Step step)
{
  try {
    step();
  } catch (const Error&) {
  }
}

} // namespace slam::fuzz
