#include "slam/local/client_connection.hpp"

#include "slam/local/access_log.hpp"
#include "slam/local/gateway_errors.hpp"
#include "slam/local/header_fields.hpp"
#include "slam/local/http_connection.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <netinet/in.h>
#include <sys/socket.h>

namespace slam::local {
namespace {

using Clock = std::chrono::steady_clock;
using Read = HttpConnection::Read;

// How long a connection may wait for its next request, and a request
// take to arrive in full. API Gateway keeps idle connections longer,
// but a local server holds a thread for each.
constexpr auto k_request_wait = std::chrono::seconds(60);
// How long a client may take to accept an answer.
constexpr auto k_send_wait = std::chrono::seconds(60);

// How long, and for how many bytes, a refused request's remains are read
// before the connection is closed.
constexpr auto k_linger_time = std::chrono::seconds(2);
constexpr std::size_t k_linger_bytes = 64 << 20;

// Return the client's address as API Gateway reports it: an IPv4 client
// of an IPv6 socket as plain IPv4.
std::string peer_address(int fd)
{
  sockaddr_storage address{};
  socklen_t size = sizeof address;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    return "";
  }
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (address.ss_family == AF_INET) {
    auto* v4 = reinterpret_cast<sockaddr_in*>(&address);
    ::inet_ntop(AF_INET, &v4->sin_addr, text.data(), text.size());
  } else {
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
    ::inet_ntop(AF_INET6, &v6->sin6_addr, text.data(), text.size());
  }
  std::string result = text.data();
  if (result.starts_with("::ffff:") && result.find('.') != std::string::npos) {
    result.erase(0, 7);
  }
  return result;
}

HttpRequest
request_of(ReceivedRequest&& received, const std::string& source_ip, int port)
{
  HttpRequest request;
  request.method = std::move(received.method);
  auto question = received.target.find('?');
  request.path = received.target.substr(0, question);
  if (question != std::string::npos) {
    request.query = received.target.substr(question + 1);
  }
  request.headers = std::move(received.headers);
  request.body = std::move(received.body);
  request.source_ip = source_ip;
  request.protocol = std::move(received.protocol);
  request.time = std::chrono::system_clock::now();
  request.port = port;
  return request;
}

// Return whether the client has closed its end of FD, so that a request
// it cut off is no one's to answer.
bool client_gone(int fd)
{
  char byte = 0;
  return ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

// Return when RECEIVED began to arrive, on the steady clock: the access
// log times a request from its first byte, not from its last.
Clock::time_point began_at(const ReceivedRequest& received)
{
  auto now = Clock::now();
  if (!received.arrived) {
    return now;
  }
  auto waited = std::chrono::system_clock::now() - *received.arrived;
  return now - std::max(waited, std::chrono::system_clock::duration::zero());
}

// The answer to a request that is not HTTP/1.x as a client sends it.
HttpResponse bad_request()
{
  return {400,
          {{"Content-Type", "application/json"}},
          R"({"message":"Bad Request"})"};
}

// What the access log names a request by.
struct RequestLine
{
  std::string method;
  std::string target;
  std::string protocol;
};

// Return whether REQUEST names its host as RFC 9112 3.2 wants: one Host
// field, which HTTP/1.1 must send. Two could be read two ways.
bool host_is_sound(const ReceivedRequest& request)
{
  auto hosts = std::count_if(
      request.headers.begin(), request.headers.end(), [](const auto& field) {
        return same_header(field.first, "Host");
      });
  return hosts == 1 || (hosts == 0 && request.protocol == "HTTP/1.0");
}

// One client connection and what its access log lines say.
class Client
{
public:
  Client(util::UniqueFd socket,
         const FrontDoor& front_door,
         const ClientSettings& settings)
      : m_source_ip(peer_address(socket.get())),
        m_connection(std::move(socket),
                     {k_max_request_body, k_max_request_body}),
        m_front_door(front_door), m_settings(settings)
  {
  }

  // Serve requests until the connection is over.
  void run()
  {
    while (serve_next()) {
    }
  }

private:
  bool serve_next()
  {
    ReceivedRequest received;
    auto read = m_connection.read(
        received, Clock::now() + k_request_wait, m_settings.stop_event);
    if (read == Read::request && !host_is_sound(received)) {
      read = Read::malformed;
    }
    auto began = began_at(received);
    RequestLine line{received.method, received.target, received.protocol};
    if (read == Read::malformed && client_gone(m_connection.fd())) {
      log(line, k_client_gone, 0, began);
      return false;
    }
    if (read == Read::malformed || read == Read::too_large) {
      auto refusal = read == Read::malformed ? bad_request()
                                             : m_front_door.refuse_large_body();
      answer(line, std::move(refusal), false, began);
      m_connection.linger(Clock::now() + k_linger_time, k_linger_bytes);
    }
    if (read != Read::request) {
      return false;
    }
    bool keep_alive = received.keep_alive;
    auto response = m_front_door.handle(
        request_of(std::move(received), m_source_ip, m_settings.port));
    return answer(line, std::move(response), keep_alive, began) && keep_alive;
  }

  // Send RESPONSE to the request of LINE, keeping the connection when
  // KEEP_ALIVE; false when the client is gone.
  bool answer(const RequestLine& line,
              HttpResponse response,
              bool keep_alive,
              Clock::time_point began)
  {
    if (!keep_alive) {
      response.headers.emplace_back("Connection", "close");
    } else if (line.protocol == "HTTP/1.0") {
      response.headers.emplace_back("Connection", "keep-alive");
    }
    bool sent = m_connection.respond(response.status,
                                     response.headers,
                                     response.body,
                                     Clock::now() + k_send_wait,
                                     line.method != "HEAD");
    log(line, response.status, sent ? response.body.size() : 0, began);
    return sent;
  }

  // Write the access log line of the request of LINE, which BEGAN then.
  void log(const RequestLine& line,
           int status,
           std::size_t size,
           Clock::time_point began) const
  {
    if (m_settings.access_log) {
      log_access({m_source_ip,
                  line.method.empty() ? "-" : line.method,
                  line.target.empty() ? "-" : line.target,
                  status,
                  size,
                  std::chrono::duration_cast<std::chrono::microseconds>(
                      Clock::now() - began)});
    }
  }

  std::string m_source_ip;
  HttpConnection m_connection;
  const FrontDoor& m_front_door;
  const ClientSettings& m_settings;
};

} // namespace

void serve_client(util::UniqueFd client,
                  const FrontDoor& front_door,
                  const ClientSettings& settings)
{
  Client(std::move(client), front_door, settings).run();
}

} // namespace slam::local
