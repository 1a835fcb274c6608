#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace slam::local {

// Return TIME as API Gateway writes requestTime: "09/Apr/2015:12:34:56
// +0000" (UTC, English month names).
std::string format_request_time(std::chrono::system_clock::time_point time);

// Return TIME in milliseconds since the epoch (requestTimeEpoch).
std::int64_t epoch_milliseconds(std::chrono::system_clock::time_point time);

} // namespace slam::local
