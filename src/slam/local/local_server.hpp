#pragma once

#include "slam/local/front_door.hpp"
#include "slam/util/unique_fd.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>

namespace slam::local {

// Where and how the front door listens.
struct ServerOptions
{
  std::string host = "127.0.0.1";
  int port = 8000; // 0: any free port
  // Connections served at once, idle kept-alive ones too; more wait in
  // the listen queue.
  int connections = 1024;
  bool access_log = true;
};

// The HTTP/1.1 server in front of a FrontDoor: every method on every path
// goes to the front door. A thread per connection, so that idle or slow
// clients hold only their own thread, and each request is read, invoked
// and answered on that one thread.
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
  // bind(); FRONT_DOOR must outlive the call. Requests in progress are
  // answered before it returns.
  void serve(const FrontDoor& front_door);

  // Make serve() return. May be called from any thread, also before
  // serve().
  void stop();

private:
  // Accept the next connection; false when stopping.
  bool accept_one(const FrontDoor& front_door);
  // Serve CLIENT on a thread of its own.
  void start_connection(util::UniqueFd client, const FrontDoor& front_door);
  void end_connection();

  ServerOptions m_options;
  util::UniqueFd m_listener;
  util::UniqueFd m_stop_event; // readable once stop() was called
  std::mutex m_mutex;
  std::condition_variable m_connection_ended;
  int m_open_connections = 0;
};

// Return "HOST:PORT", with an IPv6 address in brackets.
std::string host_and_port(const std::string& host, int port);

// Return the URL at which HOST:PORT serves PATH ("http://[::1]:8000/dev/").
std::string
server_url(const std::string& host, int port, const std::string& path);

} // namespace slam::local
