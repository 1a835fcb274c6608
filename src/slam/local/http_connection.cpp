#include "slam/local/http_connection.hpp"

#include "slam/local/header_fields.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fmt/core.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <utility>

namespace slam::local {
namespace {

using Clock = std::chrono::steady_clock;

// A request line and headers over 64 KiB are not a client's.
constexpr std::size_t k_head_limit = 65536;
constexpr std::size_t k_receive_size = 65536;
constexpr std::string_view k_end_of_head = "\r\n\r\n";

} // namespace

int poll_timeout_ms(std::chrono::steady_clock::time_point deadline)
{
  auto left =
      std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::clamp<long long>(left.count(), 0, 1 << 30));
}

namespace {

bool is_control(char c)
{
  auto byte = static_cast<unsigned char>(c);
  return (byte < 0x20 && c != '\t') || byte == 0x7f;
}

std::string_view trim(std::string_view text)
{
  auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// Parse NUMBER in BASE, all of it; nothing when it is not one.
std::optional<std::size_t> parse_size(std::string_view number, int base)
{
  std::size_t value = 0;
  auto end = number.data() + number.size();
  auto [stop, error] = std::from_chars(number.data(), end, value, base);
  if (number.empty() || error != std::errc() || stop != end) {
    return std::nullopt;
  }
  return value;
}

// How a request's body is delimited.
struct Framing
{
  bool chunked = false;
  std::size_t length = 0; // when not chunked
};

// Return the framing HEADERS declare, or nothing when they are
// ambiguous: Content-Length values that differ or are not numbers, or
// Transfer-Encoding other than chunked or together with a length (the
// ground for request smuggling between a proxy and a server).
std::optional<Framing> body_framing(const HeaderFields& headers)
{
  Framing framing;
  std::optional<std::size_t> length;
  bool coded = false;
  for (const auto& [name, value] : headers) {
    if (same_header(name, "Transfer-Encoding")) {
      if (coded || !same_header(trim(value), "chunked")) {
        return std::nullopt;
      }
      coded = framing.chunked = true;
    } else if (same_header(name, "Content-Length")) {
      std::string_view list = value;
      for (auto comma = list.find(','); !list.empty(); comma = list.find(',')) {
        auto number = parse_size(trim(list.substr(0, comma)), 10);
        if (!number || (length && *length != *number)) {
          return std::nullopt;
        }
        length = number;
        list = comma == std::string_view::npos ? std::string_view()
                                               : list.substr(comma + 1);
      }
      if (!length) {
        return std::nullopt;
      }
    }
  }
  if (coded && length) {
    return std::nullopt;
  }
  framing.length = length.value_or(0);
  return framing;
}

// The kernel's receive time of the data MESSAGE carried, if it said.
std::optional<std::chrono::system_clock::time_point> arrival_of(msghdr& message)
{
  for (auto* field = CMSG_FIRSTHDR(&message); field != nullptr;
       field = CMSG_NXTHDR(&message, field)) {
    if (field->cmsg_level == SOL_SOCKET &&
        field->cmsg_type == SCM_TIMESTAMPNS) {
      timespec time{};
      std::memcpy(&time, CMSG_DATA(field), sizeof time);
      return std::chrono::system_clock::time_point(
          std::chrono::duration_cast<std::chrono::system_clock::duration>(
              std::chrono::seconds(time.tv_sec) +
              std::chrono::nanoseconds(time.tv_nsec)));
    }
  }
  return std::nullopt;
}

} // namespace

std::string ReceivedRequest::header(std::string_view name) const
{
  const auto* value = last_value(headers, name);
  return value != nullptr ? *value : std::string();
}

HttpConnection::HttpConnection(util::UniqueFd fd, BodyLimits limits)
    : m_fd(std::move(fd)), m_limits(limits),
      m_receive(std::make_unique<char[]>(k_receive_size))
{
  int on = 1;
  ::setsockopt(m_fd.get(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
}

HttpConnection::Read HttpConnection::fill(Deadline deadline, int wake)
{
  while (true) {
    std::array<pollfd, 2> fds{{{m_fd.get(), POLLIN, 0}, {wake, POLLIN, 0}}};
    int ready =
        ::poll(fds.data(), wake >= 0 ? 2 : 1, poll_timeout_ms(deadline));
    if (ready < 0 && errno != EINTR) {
      return Read::closed;
    }
    if (fds[0].revents != 0) {
      iovec into{m_receive.get(), k_receive_size};
      alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(timespec))> control{};
      msghdr message{};
      message.msg_iov = &into;
      message.msg_iovlen = 1;
      message.msg_control = control.data();
      message.msg_controllen = control.size();
      auto got = ::recvmsg(m_fd.get(), &message, 0);
      if (got > 0) {
        m_buffer.append(m_receive.get(), static_cast<std::size_t>(got));
        m_last_arrival = arrival_of(message);
        return Read::request;
      }
      if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
        return Read::closed;
      }
    } else if (ready > 0 && fds[1].revents != 0) {
      return Read::woken;
    } else if (ready == 0 && Clock::now() >= deadline) {
      return Read::timed_out;
    }
  }
}

HttpConnection::Read HttpConnection::find(std::string_view delimiter,
                                          std::size_t limit,
                                          std::size_t& at,
                                          Deadline deadline,
                                          int wake)
{
  std::size_t searched = 0;
  while ((at = m_buffer.find(delimiter, searched)) == std::string::npos) {
    if (m_buffer.size() > limit) {
      return Read::malformed;
    }
    searched = m_buffer.size() - std::min(m_buffer.size(), delimiter.size());
    auto got = fill(deadline, wake);
    if (got != Read::request) {
      return got;
    }
  }
  return Read::request;
}

HttpConnection::Read
HttpConnection::read(ReceivedRequest& request, Deadline deadline, int wake)
{
  request = {};
  if (m_buffer.empty()) {
    auto got = fill(deadline, wake);
    if (got != Read::request) {
      return got;
    }
  }
  request.arrived = m_last_arrival;
  std::size_t head_end = 0;
  auto got = find(k_end_of_head, k_head_limit, head_end, deadline, wake);
  if (got == Read::closed) {
    return Read::malformed; // cut off within the head
  }
  if (got != Read::request) {
    return got;
  }
  if (!parse_head(request, head_end + 2)) {
    return Read::malformed;
  }
  m_buffer.erase(0, head_end + k_end_of_head.size());
  return read_body(request, deadline, wake);
}

bool HttpConnection::parse_head(ReceivedRequest& request, std::size_t head_size)
{
  std::string_view head(m_buffer.data(), head_size);
  auto line_end = head.find("\r\n");
  auto line = head.substr(0, line_end);
  auto first_space = line.find(' ');
  auto last_space = line.rfind(' ');
  if (first_space == std::string_view::npos || first_space == last_space) {
    return false;
  }
  auto version = line.substr(last_space + 1);
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    return false;
  }
  request.method = line.substr(0, first_space);
  request.target = line.substr(first_space + 1, last_space - first_space - 1);
  request.protocol = version;
  request.keep_alive = version == "HTTP/1.1";
  for (auto start = line_end + 2; start < head.size();) {
    auto end = head.find("\r\n", start);
    auto field = head.substr(start, end - start);
    start = end + 2;
    auto colon = field.find(':');
    if (colon == 0 || colon == std::string_view::npos) {
      return false;
    }
    auto name = field.substr(0, colon);
    if (name.find_first_of(" \t") != std::string_view::npos) {
      return false; // RFC 9112 5.1: no space before the colon
    }
    auto value = trim(field.substr(colon + 1));
    if (std::any_of(value.begin(), value.end(), is_control)) {
      return false; // RFC 9110 5.5: no control characters but HTAB
    }
    request.headers.emplace_back(name, value);
  }
  auto connection = lower_case(request.header("connection"));
  if (connection == "close") {
    request.keep_alive = false;
  } else if (connection == "keep-alive") {
    request.keep_alive = true;
  }
  return true;
}

HttpConnection::Read
HttpConnection::read_body(ReceivedRequest& request, Deadline deadline, int wake)
{
  auto framing = body_framing(request.headers);
  if (!framing) {
    return Read::malformed;
  }
  if (framing->length > m_limits.refuse) {
    return Read::too_large;
  }
  bool has_body = framing->chunked || framing->length > 0;
  if (has_body && same_header(request.header("Expect"), "100-continue") &&
      !send_all("HTTP/1.1 100 Continue\r\n\r\n", {}, deadline)) {
    return Read::closed;
  }
  if (framing->chunked) {
    return read_chunks(request, deadline, wake);
  }
  return take(request, framing->length, deadline, wake);
}

HttpConnection::Read HttpConnection::read_chunks(ReceivedRequest& request,
                                                 Deadline deadline,
                                                 int wake)
{
  while (true) {
    std::size_t line_end = 0;
    auto got = find("\r\n", k_head_limit, line_end, deadline, wake);
    if (got != Read::request) {
      return got == Read::closed ? Read::malformed : got;
    }
    std::string_view line(m_buffer.data(), line_end);
    auto size = parse_size(trim(line.substr(0, line.find(';'))), 16);
    m_buffer.erase(0, line_end + 2);
    if (!size) {
      return Read::malformed;
    }
    if (*size == 0) {
      return skip_trailer(deadline, wake);
    }
    if (*size >
        m_limits.refuse - std::min(m_limits.refuse, request.body_length)) {
      return Read::too_large;
    }
    got = take(request, *size, deadline, wake);
    if (got == Read::request) {
      got = find("\r\n", k_head_limit, line_end, deadline, wake);
    }
    if (got != Read::request || line_end != 0) {
      return got == Read::closed || got == Read::request ? Read::malformed
                                                         : got;
    }
    m_buffer.erase(0, 2);
  }
}

HttpConnection::Read HttpConnection::skip_trailer(Deadline deadline, int wake)
{
  while (true) {
    std::size_t line_end = 0;
    auto got = find("\r\n", k_head_limit, line_end, deadline, wake);
    if (got != Read::request) {
      return got == Read::closed ? Read::malformed : got;
    }
    m_buffer.erase(0, line_end + 2);
    if (line_end == 0) {
      return Read::request;
    }
  }
}

HttpConnection::Read HttpConnection::take(ReceivedRequest& request,
                                          std::size_t length,
                                          Deadline deadline,
                                          int wake)
{
  while (length > 0) {
    if (m_buffer.empty()) {
      auto got = fill(deadline, wake);
      if (got != Read::request) {
        return got == Read::closed ? Read::malformed : got;
      }
    }
    auto count = std::min(length, m_buffer.size());
    auto room = m_limits.keep - std::min(m_limits.keep, request.body.size());
    request.body.append(m_buffer, 0, std::min(count, room));
    request.body_length += count;
    m_buffer.erase(0, count);
    length -= count;
  }
  return Read::request;
}

std::string HttpConnection::answer_head(int status,
                                        const HeaderFields& headers,
                                        std::size_t body_size)
{
  auto head = fmt::format("HTTP/1.1 {} {}\r\n", status, reason_phrase(status));
  for (const auto& [name, value] : headers) {
    head += name;
    head += ": ";
    head += value;
    head += "\r\n";
  }
  // RFC 9110 6.4.1: 1xx, 204 and 304 answers have no content; none gets
  // a Content-Length (which a 304 could only give for the GET's body).
  if (!(status < 200 || status == 204 || status == 304)) {
    head += fmt::format("Content-Length: {}\r\n", body_size);
  }
  head += "\r\n";
  return head;
}

bool HttpConnection::respond(int status,
                             const HeaderFields& headers,
                             std::string_view body,
                             Deadline deadline,
                             bool with_body)
{
  bool no_content = status < 200 || status == 204 || status == 304;
  auto head =
      std::exchange(m_deferred, {}) + answer_head(status, headers, body.size());
  return send_all(
      head, with_body && !no_content ? body : std::string_view(), deadline);
}

void HttpConnection::defer(int status,
                           const HeaderFields& headers,
                           std::string_view body)
{
  m_deferred += answer_head(status, headers, body.size());
  if (!(status < 200 || status == 204 || status == 304)) {
    m_deferred += body;
  }
}

bool HttpConnection::has_buffered_head() const
{
  return m_buffer.find(k_end_of_head) != std::string::npos;
}

bool HttpConnection::send_all(std::string_view head,
                              std::string_view body,
                              Deadline deadline)
{
  std::array<iovec, 2> parts{{{const_cast<char*>(head.data()), head.size()},
                              {const_cast<char*>(body.data()), body.size()}}};
  std::size_t first = 0;
  while (first < parts.size()) {
    if (parts[first].iov_len == 0) {
      ++first;
      continue;
    }
    msghdr message{};
    message.msg_iov = &parts[first];
    message.msg_iovlen = parts.size() - first;
    auto sent = ::sendmsg(m_fd.get(), &message, MSG_NOSIGNAL);
    if (sent < 0 && errno != EAGAIN && errno != EINTR) {
      return false;
    }
    if (sent < 0) {
      pollfd fd{m_fd.get(), POLLOUT, 0};
      if (::poll(&fd, 1, poll_timeout_ms(deadline)) == 0) {
        return false;
      }
      continue;
    }
    for (auto left = static_cast<std::size_t>(sent);
         left > 0 && first < parts.size();) {
      auto& part = parts[first];
      auto used = std::min(left, part.iov_len);
      part.iov_base = static_cast<char*>(part.iov_base) + used;
      part.iov_len -= used;
      left -= used;
      if (part.iov_len == 0) {
        ++first;
      }
    }
  }
  return true;
}

void HttpConnection::linger(Deadline deadline, std::size_t limit)
{
  ::shutdown(m_fd.get(), SHUT_WR);
  for (std::size_t dropped = 0; dropped <= limit;) {
    m_buffer.clear();
    if (fill(deadline, -1) != Read::request) {
      return;
    }
    dropped += m_buffer.size();
  }
}

std::string_view reason_phrase(int status)
{
  switch (status) {
  // clang-format off
  case 100: return "Continue";
  case 200: return "OK";
  case 201: return "Created";
  case 202: return "Accepted";
  case 204: return "No Content";
  case 206: return "Partial Content";
  case 301: return "Moved Permanently";
  case 302: return "Found";
  case 303: return "See Other";
  case 304: return "Not Modified";
  case 307: return "Temporary Redirect";
  case 308: return "Permanent Redirect";
  case 400: return "Bad Request";
  case 401: return "Unauthorized";
  case 403: return "Forbidden";
  case 404: return "Not Found";
  case 405: return "Method Not Allowed";
  case 408: return "Request Timeout";
  case 409: return "Conflict";
  case 410: return "Gone";
  case 413: return "Request Entity Too Large";
  case 415: return "Unsupported Media Type";
  case 422: return "Unprocessable Entity";
  case 429: return "Too Many Requests";
  case 500: return "Internal Server Error";
  case 501: return "Not Implemented";
  case 502: return "Bad Gateway";
  case 503: return "Service Unavailable";
  case 504: return "Gateway Timeout";
  // clang-format on
  default:
    return "Status";
  }
}

} // namespace slam::local
