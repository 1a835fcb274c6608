#include "slam/local/runtime_api.hpp"

#include <array>
#include <future>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using slam::local::RuntimeAnswer;
using slam::local::RuntimeApi;
using slam::local::RuntimeInvocation;
using Kind = RuntimeAnswer::Kind;
using namespace std::chrono_literals;

namespace {

constexpr const char* k_base = "/2018-06-01/runtime";

// A client of API as a runtime would be: one keep-alive connection.
httplib::Client client_of(const RuntimeApi& api)
{
  httplib::Client client("http://" + api.address());
  client.set_keep_alive(true);
  client.set_read_timeout(10, 0);
  return client;
}

RuntimeInvocation invocation(const std::string& id)
{
  return {id, R"({"n": 1})", "arn:aws:lambda:us-east-1:1:function:f:dev", "T"};
}

std::string path(const std::string& rest)
{
  return k_base + rest;
}

// An invocation of ID running on another thread, as the pool runs it.
std::future<RuntimeAnswer> invoke(RuntimeApi& api,
                                  const std::string& id,
                                  std::chrono::milliseconds init_limit = 5s)
{
  return std::async(std::launch::async, [&api, id, init_limit] {
    return api.invoke(invocation(id), init_limit);
  });
}

// Start the invocation ID and take it as the runtime would.
std::future<RuntimeAnswer>
take(RuntimeApi& api, httplib::Client& client, const std::string& id)
{
  auto answer = invoke(api, id);
  auto next = client.Get(path("/invocation/next").c_str());
  EXPECT_TRUE(next && next->status == 200);
  return answer;
}

// Send BYTES on a connection of its own and return all that comes back
// until the API closes it.
std::string exchange_raw(const RuntimeApi& api, const std::string& bytes)
{
  auto address = api.address();
  auto port = std::stoi(address.substr(address.find(':') + 1));
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<std::uint16_t>(port));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string received;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0 &&
      ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) > 0) {
    std::array<char, 4096> buffer{};
    ssize_t got = 0;
    while ((got = ::recv(fd, buffer.data(), buffer.size(), 0)) > 0) {
      received.append(buffer.data(), static_cast<std::size_t>(got));
    }
  }
  ::close(fd);
  return received;
}

// A raw connection to API, for what httplib's client cannot do.
class RawRuntime
{
public:
  explicit RawRuntime(const RuntimeApi& api)
  {
    auto address = api.address();
    auto port = std::stoi(address.substr(address.find(':') + 1));
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(m_fd, reinterpret_cast<sockaddr*>(&to), sizeof to), 0);
  }
  ~RawRuntime() { ::close(m_fd); }
  RawRuntime(const RawRuntime&) = delete;
  RawRuntime& operator=(const RawRuntime&) = delete;

  void send(const std::string& bytes)
  {
    ASSERT_EQ(::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(bytes.size()));
  }

  // Return what arrives within WAIT, until ENDING is in it.
  std::string receive(std::chrono::milliseconds wait, const std::string& ending)
  {
    std::string received;
    auto deadline = std::chrono::steady_clock::now() + wait;
    while (received.find(ending) == std::string::npos &&
           std::chrono::steady_clock::now() < deadline) {
      pollfd ready{m_fd, POLLIN, 0};
      if (::poll(&ready, 1, 20) <= 0) {
        continue;
      }
      std::array<char, 4096> buffer{};
      auto got = ::recv(m_fd, buffer.data(), buffer.size(), 0);
      if (got <= 0) {
        break;
      }
      received.append(buffer.data(), static_cast<std::size_t>(got));
    }
    return received;
  }

private:
  int m_fd = -1;
};

std::string error_type(const httplib::Result& result)
{
  return nlohmann::json::parse(result->body).at("errorType");
}

} // namespace

// /next hands the invocation with Lambda's headers; the posted response
// ends invoke().
TEST(RuntimeApi, next_gives_the_invocation_and_response_answers_it)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  auto before = std::chrono::system_clock::now();
  auto answer = invoke(api, "id-1");
  auto next = client.Get(path("/invocation/next").c_str());
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
  EXPECT_EQ(next->body, R"({"n": 1})");
  EXPECT_EQ(next->get_header_value("Lambda-Runtime-Aws-Request-Id"), "id-1");
  EXPECT_EQ(next->get_header_value("Lambda-Runtime-Invoked-Function-Arn"),
            "arn:aws:lambda:us-east-1:1:function:f:dev");
  EXPECT_EQ(next->get_header_value("Lambda-Runtime-Trace-Id"), "T");
  auto deadline =
      std::stoll(next->get_header_value("Lambda-Runtime-Deadline-Ms"));
  auto expected = std::chrono::duration_cast<std::chrono::milliseconds>(
                      (before + 3000ms).time_since_epoch())
                      .count();
  EXPECT_NEAR(
      static_cast<double>(deadline), static_cast<double>(expected), 500);
  auto posted = client.Post(
      path("/invocation/id-1/response").c_str(), "[1,2]", "application/json");
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 202);
  auto result = answer.get();
  EXPECT_EQ(result.kind, Kind::response);
  EXPECT_EQ(result.body, "[1,2]");
  EXPECT_TRUE(result.taken_at.has_value());
}

// /next waits (long polls) until there is an invocation.
TEST(RuntimeApi, next_waits_for_an_invocation)
{
  RuntimeApi api(3000ms);
  auto next = std::async(std::launch::async, [&] {
    auto client = client_of(api);
    auto got = client.Get(path("/invocation/next").c_str());
    auto body = got->body;
    client.Post(path("/invocation/id-2/response").c_str(), "1", "a/b");
    return body;
  });
  EXPECT_EQ(next.wait_for(200ms), std::future_status::timeout);
  auto answer = api.invoke(invocation("id-2"), 5s);
  EXPECT_EQ(next.get(), R"({"n": 1})");
  EXPECT_EQ(answer.kind, Kind::response);
}

// A warm runtime asks for the next invocation right after answering; that
// request waits for the next invoke(), on the same connection.
TEST(RuntimeApi, invocations_follow_each_other_on_one_connection)
{
  RuntimeApi api(3000ms);
  auto runtime = std::async(std::launch::async, [&] {
    auto client = client_of(api);
    for (int n = 0; n < 3; ++n) {
      auto next = client.Get(path("/invocation/next").c_str());
      auto id = next->get_header_value("Lambda-Runtime-Aws-Request-Id");
      client.Post(path("/invocation/" + id + "/response").c_str(),
                  "\"" + id + "\"",
                  "application/json");
    }
  });
  for (const auto* id : {"a", "b", "c"}) {
    auto answer = api.invoke(invocation(id), 5s);
    EXPECT_EQ(answer.kind, Kind::response);
    EXPECT_EQ(answer.body, std::string("\"") + id + "\"");
  }
  runtime.get();
}

// A runtime that closes its connection after each exchange (HTTP/1.0 or
// "Connection: close") is accepted again.
TEST(RuntimeApi, a_runtime_that_reconnects_is_served)
{
  RuntimeApi api(3000ms);
  auto answer = invoke(api, "id-r");
  httplib::Client first("http://" + api.address());
  first.set_keep_alive(false);
  ASSERT_EQ(first.Get(path("/invocation/next").c_str())->status, 200);
  httplib::Client second("http://" + api.address());
  second.set_keep_alive(false);
  EXPECT_EQ(second.Post(path("/invocation/id-r/response").c_str(), "2", "a/b")
                ->status,
            202);
  EXPECT_EQ(answer.get().body, "2");
}

TEST(RuntimeApi, error_answers_with_the_error_object_and_its_type)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  auto answer = take(api, client, "id-3");
  httplib::Headers headers{{"Lambda-Runtime-Function-Error-Type", "KeyError"}};
  auto posted = client.Post(path("/invocation/id-3/error").c_str(),
                            headers,
                            R"({"errorMessage":"'x'","errorType":"KeyError"})",
                            "application/json");
  EXPECT_EQ(posted->status, 202);
  auto result = answer.get();
  EXPECT_EQ(result.kind, Kind::error);
  EXPECT_EQ(result.error_type, "KeyError");
  EXPECT_EQ(result.body, R"({"errorMessage":"'x'","errorType":"KeyError"})");
}

// An error body that is not an object still reaches the caller as one.
TEST(RuntimeApi, error_body_that_is_not_json_becomes_an_error_object)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  auto answer = take(api, client, "id-4");
  client.Post(path("/invocation/id-4/error").c_str(), "boom", "text/plain");
  EXPECT_EQ(
      nlohmann::json::parse(answer.get().body),
      (nlohmann::json{{"errorMessage", "boom"}, {"errorType", "Unhandled"}}));
}

TEST(RuntimeApi, unknown_request_id_is_refused_with_400)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  auto answer = take(api, client, "id-5");
  auto posted =
      client.Post(path("/invocation/other/response").c_str(), "1", "a/b");
  EXPECT_EQ(posted->status, 400);
  EXPECT_EQ(error_type(posted), "InvalidRequestID");
  client.Post(path("/invocation/id-5/response").c_str(), "1", "a/b");
  EXPECT_EQ(answer.get().kind, Kind::response);
}

TEST(RuntimeApi, second_answer_is_refused_with_403)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  auto first = take(api, client, "id-6");
  client.Post(path("/invocation/id-6/response").c_str(), "1", "a/b");
  EXPECT_EQ(first.get().kind, Kind::response);
  auto later = invoke(api, "id-6b");
  auto again = client.Post(path("/invocation/id-6/error").c_str(), "{}", "a/b");
  EXPECT_EQ(again->status, 403);
  EXPECT_EQ(error_type(again), "InvalidStateTransition");
  client.Get(path("/invocation/next").c_str());
  client.Post(path("/invocation/id-6b/response").c_str(), "1", "a/b");
  EXPECT_EQ(later.get().kind, Kind::response);
}

TEST(RuntimeApi, unknown_path_is_404)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  auto answer = invoke(api, "id-n", 1s);
  EXPECT_EQ(client.Get(path("/invocation/nope").c_str())->status, 404);
  EXPECT_EQ(answer.get().kind, Kind::timed_out);
}

// A result over Lambda's 6 MB is refused with 413 and the invocation ends
// as too large.
TEST(RuntimeApi, response_over_the_payload_limit_is_413)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  auto answer = take(api, client, "id-7");
  std::string big(slam::local::k_payload_limit + 1, 'x');
  auto posted =
      client.Post(path("/invocation/id-7/response").c_str(), big, "a/b");
  EXPECT_EQ(posted->status, 413);
  EXPECT_EQ(answer.get().kind, Kind::too_large);
}

// A far larger result is read to its end and dropped, not held: the
// connection stays usable for the next invocation.
TEST(RuntimeApi, result_far_over_the_limit_keeps_the_connection_in_step)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  auto answer = take(api, client, "id-7b");
  std::string huge(4 * slam::local::k_payload_limit, 'y');
  auto posted =
      client.Post(path("/invocation/id-7b/response").c_str(), huge, "a/b");
  EXPECT_EQ(posted->status, 413);
  EXPECT_EQ(answer.get().kind, Kind::too_large);
  auto later = take(api, client, "id-7c");
  client.Post(path("/invocation/id-7c/response").c_str(), "3", "a/b");
  EXPECT_EQ(later.get().body, "3");
}

TEST(RuntimeApi, init_error_ends_the_invocation_with_its_error_object)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  auto answer = invoke(api, "id-8");
  auto posted = client.Post(path("/init/error").c_str(),
                            R"({"errorMessage":"m","errorType":"T"})",
                            "application/json");
  EXPECT_EQ(posted->status, 202);
  auto result = answer.get();
  EXPECT_EQ(result.kind, Kind::init_error);
  EXPECT_EQ(result.body, R"({"errorMessage":"m","errorType":"T"})");
  EXPECT_EQ(api.init_error(), result.body);
  EXPECT_EQ(api.invoke(invocation("id-8b"), 1s).kind, Kind::init_error);
}

// Once the runtime has asked for work, its init is over.
TEST(RuntimeApi, init_error_after_next_is_403)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  auto answer = take(api, client, "id-9");
  auto posted = client.Post(path("/init/error").c_str(), "{}", "a/b");
  EXPECT_EQ(posted->status, 403);
  client.Post(path("/invocation/id-9/response").c_str(), "1", "a/b");
  answer.get();
}

TEST(RuntimeApi, invocation_times_out_from_when_it_was_taken)
{
  RuntimeApi api(300ms);
  auto client = client_of(api);
  auto started = std::chrono::steady_clock::now();
  auto answer = take(api, client, "id-10");
  EXPECT_EQ(answer.get().kind, Kind::timed_out);
  auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, 250ms);
  EXPECT_LT(waited, 2000ms);
}

TEST(RuntimeApi, invocation_gives_up_when_nobody_takes_it)
{
  RuntimeApi api(5000ms);
  auto answer = api.invoke(invocation("id-11"), 200ms);
  EXPECT_EQ(answer.kind, Kind::timed_out);
  EXPECT_FALSE(answer.taken_at.has_value());
}

TEST(RuntimeApi, worker_exit_ends_the_invocation)
{
  RuntimeApi api(5000ms);
  auto answer = invoke(api, "id-12");
  std::this_thread::sleep_for(50ms);
  api.worker_exited();
  EXPECT_EQ(answer.get().kind, Kind::exited);
}

// A request that is not HTTP gets 400 and the connection is closed; the
// runtime may connect again.
TEST(RuntimeApi, malformed_request_is_400)
{
  RuntimeApi api(3000ms);
  auto answer = invoke(api, "id-13");
  EXPECT_EQ(exchange_raw(api, "NONSENSE\r\n\r\n").substr(0, 12),
            "HTTP/1.1 400");
  EXPECT_EQ(exchange_raw(api,
                         "POST /2018-06-01/runtime/invocation/id-13/response "
                         "HTTP/1.1\r\nContent-Length: -1\r\n\r\n")
                .substr(0, 12),
            "HTTP/1.1 400");
  auto client = client_of(api);
  client.Get(path("/invocation/next").c_str());
  client.Post(path("/invocation/id-13/response").c_str(), "4", "a/b");
  EXPECT_EQ(answer.get().body, "4");
}

// Closing ends a waiting /next: the runtime sees the connection close.
TEST(RuntimeApi, destruction_ends_a_waiting_next)
{
  auto api = std::make_unique<RuntimeApi>(5000ms);
  auto next = std::async(std::launch::async, [&, address = api->address()] {
    httplib::Client client("http://" + address);
    client.set_read_timeout(10, 0);
    auto result = client.Get(path("/invocation/next").c_str());
    return result ? result->status : -1;
  });
  std::this_thread::sleep_for(100ms);
  api.reset();
  EXPECT_EQ(next.get(), -1);
}

// A runtime that sends its next /next with its answer (slam's bootstrap
// does) gets the answer's 202 together with the next invocation: one
// write, one wake-up of the worker.
TEST(RuntimeApi, a_pipelined_answer_is_acknowledged_with_the_next_invocation)
{
  RuntimeApi api(3000ms);
  RawRuntime runtime(api);
  const std::string next = "GET /2018-06-01/runtime/invocation/next "
                           "HTTP/1.1\r\nHost: r\r\n\r\n";
  auto first = invoke(api, "p-1");
  runtime.send(next);
  EXPECT_NE(runtime.receive(2s, R"({"n": 1})").find("p-1"), std::string::npos);
  runtime.send("POST /2018-06-01/runtime/invocation/p-1/response HTTP/1.1\r\n"
               "Host: r\r\nContent-Length: 2\r\n\r\nok" +
               next);
  EXPECT_EQ(first.get().body, "ok");
  EXPECT_EQ(runtime.receive(200ms, "202"), ""); // held back
  auto second = invoke(api, "p-2");
  auto both = runtime.receive(2s, R"({"n": 1})");
  auto accepted = both.find("HTTP/1.1 202 Accepted");
  auto invocation = both.find("HTTP/1.1 200 OK");
  EXPECT_NE(accepted, std::string::npos) << both;
  EXPECT_NE(invocation, std::string::npos) << both;
  EXPECT_LT(accepted, invocation) << both;
  EXPECT_NE(both.find("p-2"), std::string::npos) << both;
  runtime.send("POST /2018-06-01/runtime/invocation/p-2/response HTTP/1.1\r\n"
               "Host: r\r\nContent-Length: 1\r\n\r\n3");
  EXPECT_EQ(second.get().body, "3");
  // Not pipelined: the 202 comes at once.
  EXPECT_NE(runtime.receive(2s, "202").find("202"), std::string::npos);
}
