#pragma once

#include "slam/local/http_exchange.hpp"
#include "slam/util/unique_fd.hpp"

#include <chrono>
#include <cstddef>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace slam::local {

// One HTTP/1.1 request as it came over a connection.
struct ReceivedRequest
{
  std::string method;
  std::string target;          // as sent: path and query
  std::string protocol;        // "HTTP/1.1"
  HeaderFields headers;        // as sent, names as spelled
  std::string body;            // at most the connection's body cap
  std::size_t body_length = 0; // as sent, also when over the cap
  bool keep_alive = true;
  // When its first bytes reached this host (the kernel's receive time).
  std::optional<std::chrono::system_clock::time_point> arrived;

  // Return the value of header NAME (any case), empty when absent.
  std::string header(std::string_view name) const;
};

// What bodies a connection takes.
struct BodyLimits
{
  // Bytes of a body kept; the rest is read and dropped, so that the
  // exchange stays in step.
  std::size_t keep = std::numeric_limits<std::size_t>::max();
  // A body declared or found longer ends the request as too_large
  // before it is read.
  std::size_t refuse = std::numeric_limits<std::size_t>::max();
};

// The server's end of one HTTP/1.1 connection, read and written by one
// thread with deadlines: requests in order (pipelined ones too),
// Content-Length or chunked bodies, 100-continue. Framing that two
// parsers could read two ways (conflicting lengths, a length with
// chunked coding) is refused as malformed, as API Gateway refuses it.
class HttpConnection
{
public:
  using Deadline = std::chrono::steady_clock::time_point;

  enum class Read {
    request,   // one whole request
    closed,    // the client closed the connection
    timed_out, // the deadline came first
    woken,     // WAKE became readable first, nothing to read
    malformed, // not HTTP/1.x; the connection is over
    too_large, // the body is over BodyLimits::refuse; the head is read
  };

  // Take FD, a connected socket.
  HttpConnection(util::UniqueFd fd, BodyLimits limits);

  // Read the next request into REQUEST before DEADLINE; WAKE is a
  // descriptor whose readiness ends the wait (-1: none).
  Read read(ReceivedRequest& request, Deadline deadline, int wake);

  // Answer with STATUS, HEADERS and BODY (its Content-Length added; the
  // body left out when WITH_BODY is false, as for HEAD); false when the
  // client is gone or takes longer than DEADLINE to accept it.
  bool respond(int status,
               const HeaderFields& headers,
               std::string_view body,
               Deadline deadline,
               bool with_body = true);

  // Hold an answer (as respond() writes it) to go out in one write with
  // the next one: a client that pipelined its next request is not woken
  // for each answer apart.
  void defer(int status, const HeaderFields& headers, std::string_view body);

  // Return whether the next request's head has already been received
  // whole (the client pipelined it).
  bool has_buffered_head() const;

  // End the connection after a refusal: stop sending, then read and drop
  // what the client still sends until it closes or DEADLINE comes, at
  // most LIMIT bytes. Clients that send the whole body before they read
  // the answer then see the answer rather than a reset connection.
  void linger(Deadline deadline, std::size_t limit);

  // Return the socket.
  int fd() const { return m_fd.get(); }

private:
  // Receive more bytes into the buffer; Read::request when some came.
  Read fill(Deadline deadline, int wake);
  // Read until the buffer holds DELIMITER; return where it starts.
  Read find(std::string_view delimiter,
            std::size_t limit,
            std::size_t& at,
            Deadline deadline,
            int wake);
  // Parse the request line and headers, the first HEAD_SIZE bytes.
  bool parse_head(ReceivedRequest& request, std::size_t head_size);
  Read read_body(ReceivedRequest& request, Deadline deadline, int wake);
  Read read_chunks(ReceivedRequest& request, Deadline deadline, int wake);
  // Read the trailer fields after the last chunk, up to the empty line.
  Read skip_trailer(Deadline deadline, int wake);
  // Move LENGTH body bytes into REQUEST, dropping those past the cap.
  Read take(ReceivedRequest& request,
            std::size_t length,
            Deadline deadline,
            int wake);
  bool
  send_all(std::string_view head, std::string_view body, Deadline deadline);
  // Return the status line and headers of an answer.
  static std::string
  answer_head(int status, const HeaderFields& headers, std::size_t body_size);

  util::UniqueFd m_fd;
  BodyLimits m_limits;
  std::string m_buffer;   // received, not consumed yet
  std::string m_deferred; // answers held for the next write
  // What recvmsg() fills: a string would be zeroed on each resize.
  std::unique_ptr<char[]> m_receive;
  std::optional<std::chrono::system_clock::time_point> m_last_arrival;
};

// Return the milliseconds poll() may wait until DEADLINE (0 when past).
int poll_timeout_ms(std::chrono::steady_clock::time_point deadline);

// Return the reason phrase of STATUS ("Not Found").
std::string_view reason_phrase(int status);

} // namespace slam::local
