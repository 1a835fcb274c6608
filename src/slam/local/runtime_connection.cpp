#include "slam/local/runtime_connection.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fmt/core.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>

namespace slam::local {
namespace {

using Clock = std::chrono::steady_clock;

// Runtimes send a few short headers; more than this is not a runtime.
constexpr std::size_t k_head_limit = 65536;
constexpr std::size_t k_receive_size = 65536;
constexpr std::string_view k_end_of_head = "\r\n\r\n";

int poll_timeout_ms(Clock::time_point deadline)
{
  auto left =
      std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::clamp<long long>(left.count(), 0, 1 << 30));
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

std::string lower(std::string_view text)
{
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(), [](char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return result;
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

const char* reason(int status)
{
  switch (status) {
  case 200:
    return "OK";
  case 202:
    return "Accepted";
  case 400:
    return "Bad Request";
  case 403:
    return "Forbidden";
  case 404:
    return "Not Found";
  case 413:
    return "Request Entity Too Large";
  default:
    return "Internal Server Error";
  }
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

std::string RuntimeRequest::header(std::string_view lower_name) const
{
  for (const auto& [name, value] : headers) {
    if (name == lower_name) {
      return value;
    }
  }
  return {};
}

RuntimeConnection::RuntimeConnection(util::UniqueFd fd, std::size_t body_cap)
    : m_fd(std::move(fd)), m_body_cap(body_cap),
      m_receive(std::make_unique<char[]>(k_receive_size))
{
  int on = 1;
  ::setsockopt(m_fd.get(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
}

RuntimeConnection::Read RuntimeConnection::fill(Deadline deadline, int wake)
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

RuntimeConnection::Read RuntimeConnection::find(std::string_view delimiter,
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

RuntimeConnection::Read
RuntimeConnection::read(RuntimeRequest& request, Deadline deadline, int wake)
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

bool RuntimeConnection::parse_head(RuntimeRequest& request,
                                   std::size_t head_size)
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
  request.keep_alive = version == "HTTP/1.1";
  for (auto start = line_end + 2; start < head.size();) {
    auto end = head.find("\r\n", start);
    auto field = head.substr(start, end - start);
    start = end + 2;
    auto colon = field.find(':');
    if (colon == 0 || colon == std::string_view::npos) {
      return false;
    }
    request.headers.emplace_back(lower(field.substr(0, colon)),
                                 trim(field.substr(colon + 1)));
  }
  auto connection = lower(request.header("connection"));
  if (connection == "close") {
    request.keep_alive = false;
  } else if (connection == "keep-alive") {
    request.keep_alive = true;
  }
  return true;
}

RuntimeConnection::Read RuntimeConnection::read_body(RuntimeRequest& request,
                                                     Deadline deadline,
                                                     int wake)
{
  auto coding = lower(request.header("transfer-encoding"));
  if (!coding.empty()) {
    if (coding != "chunked") {
      return Read::malformed;
    }
    return read_chunks(request, deadline, wake);
  }
  auto length_field = request.header("content-length");
  if (length_field.empty()) {
    return Read::request;
  }
  auto length = parse_size(length_field, 10);
  if (!length) {
    return Read::malformed;
  }
  return take(request, *length, deadline, wake);
}

RuntimeConnection::Read RuntimeConnection::read_chunks(RuntimeRequest& request,
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

RuntimeConnection::Read RuntimeConnection::skip_trailer(Deadline deadline,
                                                        int wake)
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

RuntimeConnection::Read RuntimeConnection::take(RuntimeRequest& request,
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
    auto room = m_body_cap - std::min(m_body_cap, request.body.size());
    request.body.append(m_buffer, 0, std::min(count, room));
    request.body_length += count;
    m_buffer.erase(0, count);
    length -= count;
  }
  return Read::request;
}

bool RuntimeConnection::respond(
    int status,
    const std::vector<std::pair<std::string, std::string>>& headers,
    std::string_view body,
    Deadline deadline)
{
  auto head = fmt::format("HTTP/1.1 {} {}\r\nContent-Type: "
                          "application/json\r\nContent-Length: {}\r\n",
                          status,
                          reason(status),
                          body.size());
  for (const auto& [name, value] : headers) {
    head += fmt::format("{}: {}\r\n", name, value);
  }
  head += "\r\n";
  std::array<iovec, 2> parts{{{head.data(), head.size()},
                              {const_cast<char*>(body.data()), body.size()}}};
  std::size_t first = 0;
  while (first < parts.size()) {
    msghdr message{};
    message.msg_iov = &parts[first];
    message.msg_iovlen = parts.size() - first;
    auto sent = ::sendmsg(m_fd.get(), &message, MSG_NOSIGNAL);
    if (sent < 0 && errno != EAGAIN && errno != EINTR) {
      return false;
    }
    for (auto left = std::max<ssize_t>(sent, 0); first < parts.size();) {
      auto& part = parts[first];
      auto used =
          std::min<std::size_t>(static_cast<std::size_t>(left), part.iov_len);
      part.iov_base = static_cast<char*>(part.iov_base) + used;
      part.iov_len -= used;
      left -= static_cast<ssize_t>(used);
      if (part.iov_len > 0) {
        break;
      }
      ++first;
    }
    if (first < parts.size() && sent < 0) {
      pollfd fd{m_fd.get(), POLLOUT, 0};
      if (::poll(&fd, 1, poll_timeout_ms(deadline)) == 0) {
        return false;
      }
    }
  }
  return true;
}

} // namespace slam::local
