#include "slam/local/local_server.hpp"

#include "slam/local/client_connection.hpp"
#include "slam/util/error.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fmt/core.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <system_error>
#include <thread>
#include <unistd.h>

namespace slam::local {
namespace {

// Return a socket bound to HOST:PORT, listening; set ERROR otherwise.
util::UniqueFd listen_at(const std::string& host, int port, int& error)
{
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  auto service = std::to_string(port);
  if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0) {
    error = 0;
    return {};
  }
  util::UniqueFd listener;
  for (auto* at = found; at != nullptr && !listener; at = at->ai_next) {
    util::UniqueFd socket(::socket(
        at->ai_family, at->ai_socktype | SOCK_CLOEXEC, at->ai_protocol));
    int yes = 1;
    // SO_REUSEADDR only: SO_REUSEPORT would let a second server bind the
    // same port and take half of the requests.
    ::setsockopt(socket.get(), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (socket && ::bind(socket.get(), at->ai_addr, at->ai_addrlen) == 0 &&
        ::listen(socket.get(), SOMAXCONN) == 0) {
      listener = std::move(socket);
    } else {
      error = errno;
    }
  }
  ::freeaddrinfo(found);
  return listener;
}

int bound_port(int fd)
{
  sockaddr_storage address{};
  socklen_t size = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  return address.ss_family == AF_INET6
             ? ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port)
             : ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
}

} // namespace

LocalServer::LocalServer(ServerOptions options)
    : m_options(std::move(options)),
      m_stop_event(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
  if (!m_stop_event) {
    throw Error(
        fmt::format("cannot make an eventfd: {}", std::strerror(errno)));
  }
}

LocalServer::~LocalServer() = default;

int LocalServer::bind()
{
  int error = 0;
  m_listener = listen_at(m_options.host, m_options.port, error);
  if (!m_listener) {
    throw Error(fmt::format(
        "cannot listen on {}: {}",
        host_and_port(m_options.host, m_options.port),
        error == EADDRINUSE ? "the address is in use (choose another port "
                              "with --port)"
        : error != 0        ? std::string(std::strerror(error))
                            : std::string("not an address of this machine")));
  }
  m_options.port = bound_port(m_listener.get());
  return m_options.port;
}

void LocalServer::serve(const FrontDoor& front_door)
{
  while (accept_one(front_door)) {
  }
  std::unique_lock lock(m_mutex);
  m_connection_ended.wait(lock, [this] { return m_open_connections == 0; });
}

bool LocalServer::accept_one(const FrontDoor& front_door)
{
  {
    // Past the limit, new clients wait in the listen queue.
    std::unique_lock lock(m_mutex);
    m_connection_ended.wait(lock, [this] {
      return m_open_connections < std::max(1, m_options.connections);
    });
  }
  std::array<pollfd, 2> fds{
      {{m_listener.get(), POLLIN, 0}, {m_stop_event.get(), POLLIN, 0}}};
  if (::poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR) {
    return false;
  }
  if (fds[1].revents != 0) {
    return false;
  }
  if (fds[0].revents != 0) {
    util::UniqueFd client(::accept4(
        m_listener.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
    if (client) {
      start_connection(std::move(client), front_door);
    }
  }
  return true;
}

void LocalServer::start_connection(util::UniqueFd client,
                                   const FrontDoor& front_door)
{
  // Without it Nagle's algorithm holds a small response until the
  // client's delayed ACK: 40 ms a request on a kept-alive connection.
  int yes = 1;
  ::setsockopt(client.get(), IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  {
    std::lock_guard lock(m_mutex);
    ++m_open_connections;
  }
  ClientSettings settings{
      m_options.port, m_options.access_log, m_stop_event.get()};
  int fd = client.release();
  try {
    std::thread([this, settings, &front_door, fd] {
      serve_client(util::UniqueFd(fd), front_door, settings);
      end_connection();
    }).detach();
  } catch (const std::system_error&) {
    // No thread to be had: this client is turned away.
    ::close(fd);
    end_connection();
  }
}

void LocalServer::end_connection()
{
  std::lock_guard lock(m_mutex);
  --m_open_connections;
  // Notified under the lock: once it is released, serve() may return and
  // this server end; nothing here touches it after.
  m_connection_ended.notify_all();
}

void LocalServer::stop()
{
  std::uint64_t one = 1;
  // An 8-byte eventfd write is whole or fails only on overflow.
  [[maybe_unused]] auto written = ::write(m_stop_event.get(), &one, sizeof one);
}

std::string host_and_port(const std::string& host, int port)
{
  if (host.find(':') != std::string::npos) {
    return fmt::format("[{}]:{}", host, port);
  }
  return fmt::format("{}:{}", host, port);
}

std::string
server_url(const std::string& host, int port, const std::string& path)
{
  return "http://" + host_and_port(host, port) + path;
}

} // namespace slam::local
