#pragma once

#include "slam/aws/headers.hpp"
#include "slam/util/error.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace slam::aws {

// One HTTP request, ready to send.
struct HttpRequest
{
  std::string method = "GET";
  std::string url; // complete and percent-encoded
  Headers headers; // sent as given, Host included
  std::string body;
  // Sent instead of BODY, read in pieces so a large package never has to
  // fit in memory.
  std::optional<std::filesystem::path> body_file;
  // The largest answer body read: more fails the request (not retried),
  // so that a wrong endpoint cannot fill memory. No AWS answer slam reads
  // comes near the default.
  std::size_t max_answer = std::size_t{64} << 20;
};

// What the server answered.
struct HttpResponse
{
  long status = 0;
  Headers headers; // of the final answer only
  std::string body;
};

// How long to wait; a zero total means no limit, for large uploads that
// are guarded by the stall check alone.
struct HttpTimeouts
{
  std::chrono::milliseconds connect{10'000};
  std::chrono::milliseconds total{60'000};
  // A transfer that moves no byte for this long has stalled.
  std::chrono::seconds stall{30};
};

// A request that got no answer: no connection, a reset, a timeout.
class TransportError : public Error
{
public:
  TransportError(const std::string& message, bool retryable, bool sent)
      : Error(message), m_retryable(retryable), m_sent(sent)
  {
  }

  // Return whether sending the request again may succeed.
  bool retryable() const { return m_retryable; }

  // Return whether the request may have reached the server, and so have
  // been carried out: everything but a connection that never opened.
  bool sent() const { return m_sent; }

private:
  bool m_retryable;
  bool m_sent;
};

// An HTTP client over libcurl that keeps connections open between
// requests.
class HttpClient
{
public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Send REQUEST and return the answer, whatever its status; throw
  // TransportError (with curl's description) when there is none.
  HttpResponse send(const HttpRequest& request,
                    const HttpTimeouts& timeouts = {});

private:
  void* m_curl; // CURL*, kept for connection reuse
};

} // namespace slam::aws
