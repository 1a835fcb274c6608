#include "slam/local/local_server.hpp"

#include "slam/local/access_log.hpp"
#include "slam/local/gateway_errors.hpp"
#include "slam/local/header_fields.hpp"
#include "slam/util/error.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/core.h>
#include <httplib.h>
#include <thread>
#include <utility>

namespace slam::local {
namespace {

using Clock = std::chrono::steady_clock;

// cpp-httplib adds the connection's addresses to the request headers.
bool added_by_httplib(const std::string& name)
{
  return name == "REMOTE_ADDR" || name == "REMOTE_PORT" ||
         name == "LOCAL_ADDR" || name == "LOCAL_PORT";
}

// cpp-httplib parses a multipart/form-data body into its parts instead
// of keeping its bytes, which the event must carry as sent, and refuses
// an application/x-www-form-urlencoded body over 8 KiB with a 413 (API
// Gateway takes 10 MB). Before it reads the body, such a Content-Type is
// hidden behind this mark, and request_of() takes the mark away.
constexpr std::string_view k_raw_body_mark = "slam-raw-body;";

void keep_form_bodies_raw(const httplib::Request& request)
{
  // The server's Request is not const; the pre-routing handler gets it
  // as const.
  auto& headers = const_cast<httplib::Request&>(request).headers;
  for (auto& [name, value] : headers) {
    auto type = lower_case(value);
    if (same_header(name, "Content-Type") &&
        (type.starts_with("multipart/form-data") ||
         type.starts_with("application/x-www-form-urlencoded"))) {
      value.insert(0, k_raw_body_mark);
    }
  }
}

HttpRequest request_of(const httplib::Request& source, int port)
{
  HttpRequest request;
  request.method = source.method;
  auto question = source.target.find('?');
  request.path = source.target.substr(0, question);
  if (question != std::string::npos) {
    request.query = source.target.substr(question + 1);
  }
  for (const auto& [name, value] : source.headers) {
    if (added_by_httplib(name)) {
      continue;
    }
    bool marked =
        same_header(name, "Content-Type") && value.starts_with(k_raw_body_mark);
    request.headers.emplace_back(
        name, marked ? value.substr(k_raw_body_mark.size()) : value);
  }
  request.body = source.body;
  request.source_ip = source.remote_addr;
  request.protocol = source.version;
  request.time = std::chrono::system_clock::now();
  request.port = port;
  return request;
}

void send(const HttpResponse& response, httplib::Response& target)
{
  target.status = response.status;
  for (const auto& [name, value] : response.headers) {
    target.set_header(name, value);
  }
  target.body = response.body;
}

// When the request started on this thread, for the access log.
thread_local Clock::time_point t_request_start;
// Whether the front door answered the request on this thread, rather
// than cpp-httplib refusing it.
thread_local bool t_answered = false;

} // namespace

LocalServer::LocalServer(ServerOptions options)
    : m_options(std::move(options)),
      m_server(std::make_unique<httplib::Server>())
{
  route();
}

LocalServer::~LocalServer() = default;

void LocalServer::route()
{
  auto threads = static_cast<std::size_t>(std::max(1, m_options.threads));
  m_server->new_task_queue = [threads] {
    return new httplib::ThreadPool(threads);
  };
  // SO_REUSEADDR only: cpp-httplib's default SO_REUSEPORT would let a
  // second server bind the same port and take half of the requests.
  m_server->set_socket_options([](int socket) {
    int yes = 1;
    ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  // Without it Nagle's algorithm holds a small response until the
  // client's delayed ACK: 40 ms a request on a kept-alive connection.
  m_server->set_tcp_nodelay(true);
  // Clients such as wrk keep a connection for many requests.
  m_server->set_keep_alive_max_count(10000);
  m_server->set_payload_max_length(k_max_request_body);
  m_server->set_pre_routing_handler(
      [](const httplib::Request& request, httplib::Response&) {
        keep_form_bodies_raw(request);
        t_request_start = Clock::now();
        t_answered = false;
        return httplib::Server::HandlerResponse::Unhandled;
      });
  auto handler = [this](const httplib::Request& request,
                        httplib::Response& response) {
    send(m_front_door->handle(request_of(request, m_options.port)), response);
    t_answered = true;
  };
  m_server->Get(".*", handler);
  m_server->Post(".*", handler);
  m_server->Put(".*", handler);
  m_server->Patch(".*", handler);
  m_server->Delete(".*", handler);
  m_server->Options(".*", handler);
  // A body over the limit never reaches the front door: answer as the
  // API would.
  m_server->set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& response) {
        bool answered = std::exchange(t_answered, false);
        if (answered || response.status != 413 || !response.body.empty()) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        send(gateway_error(GatewayError::body_too_large, config::Api::rest),
             response);
        return httplib::Server::HandlerResponse::Handled;
      }));
  if (m_options.access_log) {
    m_server->set_logger(
        [](const httplib::Request& request, const httplib::Response& response) {
          auto elapsed = Clock::now() - t_request_start;
          log_access(
              {request.remote_addr,
               request.method,
               request.target,
               response.status,
               response.body.size(),
               std::chrono::duration_cast<std::chrono::microseconds>(elapsed)});
        });
  }
}

int LocalServer::bind()
{
  errno = 0;
  int port = m_options.port;
  bool bound = port == 0
                   ? (port = m_server->bind_to_any_port(m_options.host)) > 0
                   : m_server->bind_to_port(m_options.host, port);
  if (!bound) {
    int error = errno;
    throw Error(fmt::format(
        "cannot listen on {}: {}",
        host_and_port(m_options.host, m_options.port),
        error == EADDRINUSE ? "the address is in use (choose another port "
                              "with --port)"
        : error != 0        ? std::string(std::strerror(error))
                            : std::string("not an address of this machine")));
  }
  m_options.port = port;
  return port;
}

void LocalServer::serve(const FrontDoor& front_door)
{
  m_front_door = &front_door;
  m_serving = true;
  if (!m_stop_requested) {
    m_server->listen_after_bind();
  }
  m_served = true;
}

void LocalServer::stop()
{
  // cpp-httplib forgets a stop() that comes before its listen loop runs:
  // wait for the loop, unless serve() has not begun (then it sees the
  // request) or is over.
  m_stop_requested = true;
  if (!m_serving) {
    return;
  }
  while (!m_server->is_running() && !m_served) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  m_server->stop();
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
