#pragma once

// A moto_server on a free loopback port, started and stopped by PID, for
// the tests that drive the AWS clients against it.

#include "aws_test_support.hpp"
#include "slam/util/files.hpp"
#include "slam/util/process.hpp"

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <memory>
#include <netinet/in.h>
#include <optional>
#include <string>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace slam::aws::testing {

// Return a TCP port on 127.0.0.1 that nobody listens on right now.
inline int free_loopback_port()
{
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

// Return whether something accepts connections on 127.0.0.1:PORT.
inline bool accepts_connections(int port)
{
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  bool ok =
      ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) ==
      0;
  ::close(fd);
  return ok;
}

class MotoServer
{
public:
  // Start `moto_server -H 127.0.0.1 -p PORT`; check running() afterwards.
  MotoServer()
  {
    auto program = util::find_program("moto_server");
    if (!program) {
      return;
    }
    m_port = free_loopback_port();
    m_log = util::make_temp_dir("slam-moto-") / "moto.log";
    auto port = std::to_string(m_port);
    m_pid = ::fork();
    if (m_pid == 0) {
      // Die with the test process, even when it crashes.
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      int log = ::open(m_log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(log, 1);
      ::dup2(log, 2);
      ::execl(program->c_str(),
              "moto_server",
              "-H",
              "127.0.0.1",
              "-p",
              port.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    wait_until_ready();
  }

  ~MotoServer()
  {
    if (m_pid > 0) {
      ::kill(m_pid, SIGTERM);
      ::waitpid(m_pid, nullptr, 0);
    }
    if (!m_log.empty()) {
      std::filesystem::remove_all(m_log.parent_path());
    }
  }

  MotoServer(const MotoServer&) = delete;
  MotoServer& operator=(const MotoServer&) = delete;

  bool running() const { return m_ready; }
  std::string url() const
  {
    return "http://127.0.0.1:" + std::to_string(m_port);
  }

private:
  void wait_until_ready()
  {
    for (int i = 0; i < 300 && m_pid > 0; ++i) {
      if (accepts_connections(m_port)) {
        m_ready = true;
        return;
      }
      if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
        m_pid = -1; // it exited: nothing to stop later
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  pid_t m_pid = -1;
  int m_port = 0;
  bool m_ready = false;
  std::filesystem::path m_log;
};

// A test suite against one moto_server, with fake credentials and every
// endpoint on it; each test is skipped when moto_server is not installed.
class MotoTest : public AwsEnvTest
{
protected:
  static void SetUpTestSuite() { s_server = std::make_unique<MotoServer>(); }
  static void TearDownTestSuite() { s_server.reset(); }

  void SetUp() override
  {
    AwsEnvTest::SetUp();
    if (!s_server->running()) {
      GTEST_SKIP() << "moto_server is not installed or did not start";
    }
    set_env("AWS_ENDPOINT_URL", s_server->url());
    set_env("AWS_ACCESS_KEY_ID", "testing");
    set_env("AWS_SECRET_ACCESS_KEY", "testing");
    set_env("AWS_DEFAULT_REGION", "us-east-1");
    set_env("AWS_EC2_METADATA_DISABLED", "true");
  }

  static inline std::unique_ptr<MotoServer> s_server;
};

} // namespace slam::aws::testing
