#pragma once

#include "slam/util/unique_fd.hpp"

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slam::local {

// One HTTP/1.1 request of a runtime to the runtime API.
struct RuntimeRequest
{
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers; // names lower
  std::string body;            // at most the reader's body cap
  std::size_t body_length = 0; // as sent, when over the cap
  bool keep_alive = true;
  // When its first bytes reached this host (the kernel's receive time).
  std::optional<std::chrono::system_clock::time_point> arrived;

  // Return the value of header LOWER_NAME, empty when absent.
  std::string header(std::string_view lower_name) const;
};

// The runtime's end of one connection, read and written by the thread
// that invokes the function: the worker's request and the invocation
// meet on this thread, with no other thread woken (the hand-off is the
// cost of a local invocation that counts).
class RuntimeConnection
{
public:
  enum class Read {
    request,   // one whole request
    closed,    // the runtime closed the connection
    timed_out, // the deadline came first
    woken,     // WAKE became readable first, nothing to read
    malformed, // not HTTP/1.x as runtimes send it; the connection is over
  };

  // Take FD, a connected socket; bodies are kept up to BODY_CAP bytes
  // (the rest is read and dropped, so that the exchange stays in step).
  RuntimeConnection(util::UniqueFd fd, std::size_t body_cap);

  // Read the next request into REQUEST before DEADLINE; WAKE is a
  // descriptor whose readiness ends the wait (the worker's exit).
  Read read(RuntimeRequest& request,
            std::chrono::steady_clock::time_point deadline,
            int wake);

  // Answer with STATUS, HEADERS and a JSON BODY; false when the runtime
  // is gone or takes longer than DEADLINE to accept it.
  bool respond(int status,
               const std::vector<std::pair<std::string, std::string>>& headers,
               std::string_view body,
               std::chrono::steady_clock::time_point deadline);

private:
  using Deadline = std::chrono::steady_clock::time_point;
  // Receive more bytes into the buffer; Read::request when some came.
  Read fill(Deadline deadline, int wake);
  // Read until the buffer holds DELIMITER; return where it starts.
  Read find(std::string_view delimiter,
            std::size_t limit,
            std::size_t& at,
            Deadline deadline,
            int wake);
  // Parse the request line and headers, the first HEAD_SIZE bytes.
  bool parse_head(RuntimeRequest& request, std::size_t head_size);
  Read read_body(RuntimeRequest& request, Deadline deadline, int wake);
  Read read_chunks(RuntimeRequest& request, Deadline deadline, int wake);
  // Read the trailer fields after the last chunk, up to the empty line.
  Read skip_trailer(Deadline deadline, int wake);
  // Move LENGTH body bytes into REQUEST, dropping those past the cap.
  Read take(RuntimeRequest& request,
            std::size_t length,
            Deadline deadline,
            int wake);

  util::UniqueFd m_fd;
  std::size_t m_body_cap;
  std::string m_buffer; // received, not consumed yet
  // What recvmsg() fills: a string would be zeroed on each resize.
  std::unique_ptr<char[]> m_receive;
  std::optional<std::chrono::system_clock::time_point> m_last_arrival;
};

} // namespace slam::local
