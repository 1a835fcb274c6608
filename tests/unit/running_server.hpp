#pragma once

#include "slam/local/front_door.hpp"
#include "slam/local/local_server.hpp"

#include <thread>

namespace slam::local {

// A server on a free loopback port, serving in a thread of its own.
class RunningServer
{
public:
  RunningServer(Invoker& invoker, config::Api api, int connections = 8)
      : m_front_door(invoker, {api, "dev", "abcdefghij"}),
        m_server({"127.0.0.1", 0, connections, false})
  {
    m_port = m_server.bind();
    m_thread = std::thread([this] { m_server.serve(m_front_door); });
  }

  ~RunningServer()
  {
    m_server.stop();
    m_thread.join();
  }

  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  int port() const { return m_port; }

private:
  FrontDoor m_front_door;
  LocalServer m_server;
  int m_port = 0;
  std::thread m_thread;
};

} // namespace slam::local
