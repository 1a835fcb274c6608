#pragma once

#include "slam/util/unique_fd.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace slam::local {

// The lines Lambda writes around an invocation, prefixed by
// log_prefix() so that concurrent invocations stay apart.

// Return "[1a2b3c4d] ": the start of REQUEST_ID, before each of its lines.
std::string log_prefix(std::string_view request_id);

// Return "START RequestId: ID Version: $LATEST".
std::string start_line(std::string_view request_id);

// Return "END RequestId: ID".
std::string end_line(std::string_view request_id);

// What the REPORT line of an invocation says.
struct Report
{
  std::chrono::microseconds duration{0};
  int memory_size_mb = 128;
  long max_memory_used_mb = 0;
  // The worker's start, on the first invocation it takes.
  std::optional<std::chrono::microseconds> init_duration;
  std::string status; // "timeout", "error"...; empty when it returned
};

// Return "REPORT RequestId: ID Duration: 1.23 ms Billed Duration: 2 ms
// Memory Size: 128 MB Max Memory Used: 41 MB", then " Init Duration:
// 117.82 ms" after a cold start and " Status: timeout" when the
// invocation did not return.
std::string report_line(std::string_view request_id, const Report& report);

// Open /proc/PID/status, for max_memory_used_mb().
util::UniqueFd open_process_status(int pid);

// Return the high-water mark of resident memory (VmHWM) in MB, rounded
// up, of the process whose /proc status file STATUS_FILE is open; 0 when it
// does not tell.
long max_memory_used_mb(int status_file);

// Write LINE (which holds no newline) to stderr whole, unless -q; lines
// of concurrent callers never mix.
void write_log_line(std::string_view line);

} // namespace slam::local
