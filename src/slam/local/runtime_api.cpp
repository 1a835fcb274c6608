#include "slam/local/runtime_api.hpp"

#include "slam/local/runtime_api_exchange.hpp"
#include "slam/util/error.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fmt/core.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

namespace slam::local {

namespace {

using Kind = RuntimeAnswer::Kind;

// Bodies are kept up to one byte past Lambda's limit: enough to tell a
// result that is too large, without holding a runaway one.
constexpr BodyLimits k_body_limits{k_payload_limit + 1};

[[noreturn]] void fail(const char* what)
{
  throw Error(fmt::format(
      "cannot {} for the Lambda runtime API: {}", what, std::strerror(errno)));
}

// Listen on 127.0.0.1 at a port the kernel picks; return the socket.
util::UniqueFd listen_on_loopback(int& port)
{
  util::UniqueFd listener(
      ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!listener) {
    fail("make a socket");
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  auto* generic = reinterpret_cast<sockaddr*>(&address);
  if (::bind(listener.get(), generic, size) != 0 ||
      ::listen(listener.get(), 8) != 0 ||
      ::getsockname(listener.get(), generic, &size) != 0) {
    fail("listen on 127.0.0.1");
  }
  port = ntohs(address.sin_port);
  return listener;
}

} // namespace

RuntimeApi::RuntimeApi(std::chrono::milliseconds timeout)
    : m_timeout(timeout), m_listener(listen_on_loopback(m_port)),
      m_exit_event(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
  if (!m_exit_event) {
    fail("make an eventfd");
  }
}

RuntimeApi::~RuntimeApi() = default;

std::string RuntimeApi::address() const
{
  return fmt::format("127.0.0.1:{}", m_port);
}

RuntimeAnswer RuntimeApi::invoke(const RuntimeInvocation& invocation,
                                 std::chrono::milliseconds init_limit)
{
  if (m_init_error) {
    return {Kind::init_error, *m_init_error, "", {}};
  }
  Exchange exchange{invocation, Clock::now() + init_limit, {}, {}};
  while (!exchange.answer) {
    auto request = next_request(exchange);
    if (request) {
      route(exchange, *request);
    }
  }
  exchange.answer->taken_at = exchange.taken_at;
  return std::move(*exchange.answer);
}

std::optional<ReceivedRequest> RuntimeApi::next_request(Exchange& exchange)
{
  using Read = HttpConnection::Read;
  while (!exchange.answer) {
    if (!m_connection && !accept_connection(exchange)) {
      break;
    }
    ReceivedRequest request;
    switch (
        m_connection->read(request, exchange.deadline, m_exit_event.get())) {
    case Read::request:
      return request;
    case Read::closed:
      m_connection.reset(); // the runtime may connect again
      break;
    case Read::malformed:
    case Read::too_large:
      reply(exchange,
            400,
            R"({"errorMessage":"malformed request",)"
            R"("errorType":"InvalidRequest"})");
      m_connection.reset();
      break;
    case Read::timed_out:
      exchange.answer = RuntimeAnswer{Kind::timed_out, "", "", {}};
      break;
    case Read::woken:
      exchange.answer = RuntimeAnswer{Kind::exited, "", "", {}};
      break;
    }
  }
  return std::nullopt;
}

bool RuntimeApi::accept_connection(Exchange& exchange)
{
  std::array<pollfd, 2> fds{
      {{m_listener.get(), POLLIN, 0}, {m_exit_event.get(), POLLIN, 0}}};
  while (true) {
    int ready =
        ::poll(fds.data(), fds.size(), poll_timeout_ms(exchange.deadline));
    if (fds[0].revents != 0) {
      util::UniqueFd socket(::accept4(
          m_listener.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
      if (socket) {
        int on = 1;
        ::setsockopt(socket.get(), IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        m_connection =
            std::make_unique<HttpConnection>(std::move(socket), k_body_limits);
        return true;
      }
    } else if (ready > 0 && fds[1].revents != 0) {
      exchange.answer = RuntimeAnswer{Kind::exited, "", "", {}};
      return false;
    } else if (ready == 0 && Clock::now() >= exchange.deadline) {
      exchange.answer = RuntimeAnswer{Kind::timed_out, "", "", {}};
      return false;
    }
  }
}

void RuntimeApi::worker_exited()
{
  std::uint64_t one = 1;
  // An eventfd write of 8 bytes cannot be partial; it only fails when
  // the counter would overflow, which one write per worker cannot do.
  [[maybe_unused]] auto written = ::write(m_exit_event.get(), &one, sizeof one);
}

std::optional<Clock::time_point> RuntimeApi::ready_at() const
{
  return m_ready_at;
}

std::optional<std::string> RuntimeApi::init_error() const
{
  return m_init_error;
}

} // namespace slam::local
