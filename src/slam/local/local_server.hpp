#pragma once

#include "slam/local/front_door.hpp"

#include <atomic>
#include <memory>
#include <string>

namespace httplib {
class Server;
}

namespace slam::local {

// Where and how the front door listens.
struct ServerOptions
{
  std::string host = "127.0.0.1";
  int port = 8000;  // 0: any free port
  int threads = 32; // connections served at once (keep-alive ones too)
  bool access_log = true;
};

// The HTTP server in front of a FrontDoor (cpp-httplib): every method on
// every path goes to the front door.
class LocalServer
{
public:
  explicit LocalServer(ServerOptions options);
  ~LocalServer();
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  // Bind the address and return the port (the chosen one for port 0).
  // Throw slam::Error naming the address when it cannot be bound.
  int bind();

  // Serve requests with FRONT_DOOR until stop() is called. Call after
  // bind(); FRONT_DOOR must outlive the call.
  void serve(const FrontDoor& front_door);

  // Make serve() return; requests in progress are answered first. May be
  // called from any thread.
  void stop();

private:
  void route();

  const FrontDoor* m_front_door = nullptr;
  std::atomic<bool> m_stop_requested = false;
  std::atomic<bool> m_serving = false; // serve() has begun
  std::atomic<bool> m_served = false;  // serve() is over
  ServerOptions m_options;
  std::unique_ptr<httplib::Server> m_server;
};

// Return "HOST:PORT", with an IPv6 address in brackets.
std::string host_and_port(const std::string& host, int port);

// Return the URL at which HOST:PORT serves PATH ("http://[::1]:8000/dev/").
std::string
server_url(const std::string& host, int port, const std::string& path);

} // namespace slam::local
