#pragma once

// A scripted HTTP server on a free loopback port, for the failure paths
// that moto cannot produce: throttling, 503s, odd error bodies, dropped
// connections. One request per connection, answered with
// "Connection: close", unless an answer asks to keep it open.

#include "slam/aws/headers.hpp"

#include <arpa/inet.h>
#include <atomic>
#include <functional>
#include <mutex>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace slam::aws::testing {

// A request as the fake server saw it.
struct SeenRequest
{
  std::string method;
  std::string target; // path and query as sent
  Headers headers;
  std::string body;

  // Return the value of header NAME, or "(none)".
  std::string header(std::string_view name) const
  {
    return find_header(headers, name).value_or("(none)");
  }
};

// What the fake server answers; DROP closes the connection instead.
struct FakeResponse
{
  FakeResponse(int status = 200, std::string body = "", Headers headers = {})
      : status(status), body(std::move(body)), headers(std::move(headers))
  {
  }

  int status;
  std::string body;
  Headers headers;
  bool drop = false;
  // Keep the connection open for the client's next request (the server
  // then serves no other connection until this one closes).
  bool keep_alive = false;
};

class FakeServer
{
public:
  // Answer the Nth request (from 0) with HANDLER(N, request).
  using Handler = std::function<FakeResponse(int, const SeenRequest&)>;

  explicit FakeServer(Handler handler) : m_handler(std::move(handler))
  {
    m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    ::setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    ::bind(m_listener, reinterpret_cast<sockaddr*>(&address), length);
    ::listen(m_listener, 16);
    ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length);
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { serve(); });
  }

  ~FakeServer()
  {
    m_stopping = true;
    ::shutdown(m_listener, SHUT_RDWR); // wakes up accept()
    m_thread.join();
    ::close(m_listener);
  }

  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;

  std::string url() const
  {
    return "http://127.0.0.1:" + std::to_string(m_port);
  }
  int port() const { return m_port; }

  std::vector<SeenRequest> requests() const
  {
    std::lock_guard lock(m_mutex);
    return m_requests;
  }

private:
  void serve()
  {
    while (!m_stopping) {
      int connection = ::accept(m_listener, nullptr, nullptr);
      if (connection < 0) {
        continue;
      }
      SeenRequest request;
      while (read_request(connection, request)) {
        int index = record(request);
        auto response = m_handler(index, request);
        if (response.drop) {
          break;
        }
        write_all(connection, format(response, request.method == "HEAD"));
        if (!response.keep_alive) {
          break;
        }
        request = SeenRequest();
      }
      ::close(connection);
    }
  }

  static bool read_request(int connection, SeenRequest& request)
  {
    std::string data;
    char buffer[65536];
    size_t head_end;
    while ((head_end = data.find("\r\n\r\n")) == std::string::npos) {
      auto count = ::recv(connection, buffer, sizeof(buffer), 0);
      if (count <= 0) {
        return false;
      }
      data.append(buffer, static_cast<size_t>(count));
    }
    parse_head(data.substr(0, head_end), request);
    auto length = std::stoul(
        find_header(request.headers, "Content-Length").value_or("0"));
    request.body = data.substr(head_end + 4);
    while (request.body.size() < length) {
      auto count = ::recv(connection, buffer, sizeof(buffer), 0);
      if (count <= 0) {
        return false;
      }
      request.body.append(buffer, static_cast<size_t>(count));
    }
    return true;
  }

  static void parse_head(const std::string& head, SeenRequest& request)
  {
    size_t line_end = head.find("\r\n");
    auto line = head.substr(0, line_end);
    auto space = line.find(' ');
    request.method = line.substr(0, space);
    request.target = line.substr(space + 1, line.rfind(' ') - space - 1);
    while (line_end != std::string::npos) {
      auto start = line_end + 2;
      line_end = head.find("\r\n", start);
      line = head.substr(start, line_end - start);
      auto colon = line.find(':');
      auto value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      request.headers.emplace_back(line.substr(0, colon), value);
    }
  }

  // Return the answer's text; HEAD gets the length but not the body.
  static std::string format(const FakeResponse& response, bool head)
  {
    std::string text =
        "HTTP/1.1 " + std::to_string(response.status) + " Fake\r\n" +
        (response.keep_alive ? "" : "Connection: close\r\n") +
        "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    for (const auto& [name, value] : response.headers) {
      text += name + ": " + value + "\r\n";
    }
    return text + "\r\n" + (head ? "" : response.body);
  }

  static void write_all(int connection, const std::string& data)
  {
    size_t sent = 0;
    while (sent < data.size()) {
      auto count = ::send(
          connection, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (count <= 0) {
        return;
      }
      sent += static_cast<size_t>(count);
    }
  }

  int record(const SeenRequest& request)
  {
    std::lock_guard lock(m_mutex);
    m_requests.push_back(request);
    return static_cast<int>(m_requests.size()) - 1;
  }

  Handler m_handler;
  int m_listener = -1;
  int m_port = 0;
  std::atomic<bool> m_stopping{false};
  std::thread m_thread;
  mutable std::mutex m_mutex;
  std::vector<SeenRequest> m_requests;
};

} // namespace slam::aws::testing
