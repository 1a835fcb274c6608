#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace slam::local {

// Header fields in the order they came, repeats kept, names as spelled.
using HeaderFields = std::vector<std::pair<std::string, std::string>>;

// One HTTP request as the front door received it, before API Gateway's
// translation into an event.
struct HttpRequest
{
  std::string method;    // "GET"
  std::string path;      // as sent, still percent-encoded: "/dev/a%20b"
  std::string query;     // as sent, without '?': "a=1&b=%20"
  HeaderFields headers;  // as sent
  std::string body;      // bytes
  std::string source_ip; // the client's address
  std::string protocol = "HTTP/1.1";
  std::chrono::system_clock::time_point time;
  int port = 0; // the port the front door listens on (X-Forwarded-Port)
};

// One HTTP response as the front door sends it.
struct HttpResponse
{
  int status = 200;
  HeaderFields headers;
  std::string body;
};

} // namespace slam::local
