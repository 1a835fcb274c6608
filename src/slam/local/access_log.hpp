#pragma once

#include <chrono>
#include <string>

namespace slam::local {

// The status the access log shows for a request whose client went away
// before it was whole (nginx's): no one reads an answer to it.
inline constexpr int k_client_gone = 499;

// What the access log says of one request.
struct AccessRecord
{
  std::string source_ip;
  std::string method;
  std::string target; // path and query, as sent
  int status = 0;
  std::size_t size = 0; // body bytes sent
  std::chrono::microseconds duration{0};
};

// Return the access log line of RECORD:
// `127.0.0.1 "GET /dev/?a=1" 200 12 B 3.1 ms`.
std::string format_access_line(const AccessRecord& record);

// Print the access log line of RECORD to stderr unless quiet; lines from
// many threads do not mix.
void log_access(const AccessRecord& record);

} // namespace slam::local
