// The front door's HTTP/1.1 server over raw sockets: what clients that
// are slow, idle, pipelining or malformed get.
#include "local_test_support.hpp"
#include "running_server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <vector>

namespace slam::local {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using nlohmann::json;
using testing::FakeInvoker;

util::UniqueFd connect_to(int port)
{
  util::UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<std::uint16_t>(port));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::connect(fd.get(), reinterpret_cast<sockaddr*>(&to), sizeof to),
            0);
  return fd;
}

void send_text(const util::UniqueFd& fd, const std::string& text)
{
  ASSERT_EQ(::send(fd.get(), text.data(), text.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(text.size()));
}

// Read until the server closes, WANT bytes came, or WAIT passes.
std::string receive(const util::UniqueFd& fd,
                    std::chrono::milliseconds wait,
                    std::size_t want = SIZE_MAX)
{
  std::string text;
  auto deadline = Clock::now() + wait;
  while (text.size() < want && Clock::now() < deadline) {
    pollfd ready{fd.get(), POLLIN, 0};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - Clock::now());
    if (::poll(&ready, 1, static_cast<int>(left.count()) + 1) <= 0) {
      break;
    }
    char buffer[4096];
    auto got = ::recv(fd.get(), buffer, sizeof buffer, 0);
    if (got <= 0) {
      break;
    }
    text.append(buffer, static_cast<std::size_t>(got));
  }
  return text;
}

std::size_t count(const std::string& text, const std::string& part)
{
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos;
       at = text.find(part, at + 1)) {
    ++n;
  }
  return n;
}

// A function that answers with the path it was called for.
FakeInvoker path_invoker()
{
  return FakeInvoker([](const json& event) {
    return testing::returned({{"statusCode", 200}, {"body", event["path"]}});
  });
}

} // namespace

// Idle kept-alive connections and clients that stop halfway through a
// request hold a thread each, not the server: a real client still gets
// its answer at once.
TEST(LocalServerConnections, idle_and_slow_clients_do_not_starve_others)
{
  auto invoker = path_invoker();
  RunningServer server(invoker, config::Api::rest, 1024);
  std::vector<util::UniqueFd> idle;
  for (int i = 0; i < 64; ++i) {
    idle.push_back(connect_to(server.port()));
    auto& slow = idle.emplace_back(connect_to(server.port()));
    send_text(slow, "GET /dev/slow HTTP/1.1\r\nHost: x\r\nX-Half: ");
  }
  auto started = Clock::now();
  auto client = connect_to(server.port());
  send_text(client, "GET /dev/real HTTP/1.1\r\nHost: x\r\n\r\n");
  auto answer = receive(client, 5s, 1);
  answer += receive(client, 200ms);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 200 OK\r\n")) << answer;
  EXPECT_NE(answer.find("/real"), std::string::npos);
  EXPECT_LT(Clock::now() - started, 3s);
}

// Requests sent back to back on one connection are all answered, in
// order.
TEST(LocalServerConnections, pipelined_requests_are_all_answered_in_order)
{
  auto invoker = path_invoker();
  RunningServer server(invoker, config::Api::rest);
  auto client = connect_to(server.port());
  send_text(client,
            "GET /dev/1 HTTP/1.1\r\nHost: x\r\n\r\n"
            "GET /dev/2 HTTP/1.1\r\nHost: x\r\n\r\n"
            "GET /dev/3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  auto answers = receive(client, 5s);
  EXPECT_EQ(count(answers, "HTTP/1.1 200 OK"), 3U) << answers;
  auto first = answers.find("/1");
  auto second = answers.find("/2");
  auto third = answers.find("/3");
  EXPECT_TRUE(first < second && second < third) << answers;
  EXPECT_NE(answers.find("Connection: close"), std::string::npos);
}

// Ambiguous framing gets 400 and the connection ends; the function is not
// called.
TEST(LocalServerConnections, malformed_requests_get_400_and_no_invocation)
{
  auto invoker = path_invoker();
  RunningServer server(invoker, config::Api::rest);
  for (const char* head :
       {"Host: y\r\nContent-Length: 3\r\n", // a second Host
        "Content-Length: -1\r\n",
        "Content-Length: 1\r\nContent-Length: 2\r\n",
        "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n"}) {
    auto client = connect_to(server.port());
    send_text(client,
              std::string("POST /dev/x HTTP/1.1\r\nHost: x\r\n") + head +
                  "\r\nabc");
    auto answer = receive(client, 5s);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 400 Bad Request\r\n")) << answer;
  }
  EXPECT_TRUE(invoker.events().empty());
}

// HTTP/1.1 requests must name their host (RFC 9112 3.2); HTTP/1.0 ones
// need not.
TEST(LocalServerConnections, http_1_1_without_host_gets_400)
{
  auto invoker = path_invoker();
  RunningServer server(invoker, config::Api::rest);
  auto client = connect_to(server.port());
  send_text(client, "GET /dev/x HTTP/1.1\r\n\r\n");
  auto answer = receive(client, 5s);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400 Bad Request\r\n")) << answer;
  EXPECT_TRUE(invoker.events().empty());
}

// HEAD gets the headers of GET, with the length of the body it leaves out.
TEST(LocalServerConnections, head_is_answered_without_a_body)
{
  auto invoker = path_invoker();
  RunningServer server(invoker, config::Api::rest);
  auto client = connect_to(server.port());
  send_text(client,
            "HEAD /dev/abc HTTP/1.1\r\nHost: x\r\n\r\n"
            "GET /dev/d HTTP/1.1\r\nHost: x\r\n\r\n");
  auto answers = receive(client, 2s);
  EXPECT_NE(answers.find("Content-Length: 4\r\n\r\nHTTP/1.1 200"),
            std::string::npos)
      << answers;
  EXPECT_TRUE(answers.ends_with("\r\n\r\n/d")) << answers;
}

// HTTP/1.0 closes after each answer unless the client asks to keep it.
TEST(LocalServerConnections, http_1_0_connections_close_after_the_answer)
{
  auto invoker = path_invoker();
  RunningServer server(invoker, config::Api::rest);
  auto client = connect_to(server.port());
  send_text(client, "GET /dev/old HTTP/1.0\r\n\r\n");
  auto started = Clock::now();
  auto answer = receive(client, 5s);
  EXPECT_LT(Clock::now() - started, 2s); // closed, not timed out
  EXPECT_NE(answer.find("Connection: close"), std::string::npos) << answer;
}

// stop() ends idle connections at once rather than waiting them out.
TEST(LocalServerConnections, stopping_ends_idle_connections)
{
  auto invoker = path_invoker();
  auto started = Clock::now();
  {
    RunningServer server(invoker, config::Api::rest);
    auto idle = connect_to(server.port());
    send_text(idle, "GET /dev/a HTTP/1.1\r\nHost: x\r\n\r\n");
    receive(idle, 1s, 1);
  }
  EXPECT_LT(Clock::now() - started, 3s);
}

} // namespace slam::local
