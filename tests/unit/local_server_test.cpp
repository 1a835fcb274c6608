#include "local_test_support.hpp"
#include "running_server.hpp"
#include "slam/local/local_server.hpp"
#include "slam/util/base64.hpp"
#include "slam/util/error.hpp"

#include <future>
#include <gtest/gtest.h>
#include <httplib.h>
#include <thread>

namespace slam::local {
namespace {

using nlohmann::json;
using testing::FakeInvoker;

httplib::Client client_of(const RunningServer& server)
{
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(10, 0);
  client.set_url_encode(false); // send paths and queries as written
  return client;
}

// A function that answers with the method, body and query it was sent.
FakeInvoker echo_invoker()
{
  return FakeInvoker([](const json& event) {
    // value(), not operator[]: an HTTP API event of a request without a
    // body has no "body", and a missing key of a const object is
    // undefined (an assertion under the fuzz preset).
    auto body = event.value("body", json());
    return testing::returned(
        {{"statusCode", 200},
         {"multiValueHeaders", {{"Set-Cookie", {"a=1", "b=2"}}}},
         {"headers", {{"Content-Type", "application/octet-stream"}}},
         {"body", body.is_null() ? json("") : body},
         {"isBase64Encoded", event.value("isBase64Encoded", false)}});
  });
}

TEST(LocalServer, every_method_reaches_the_function)
{
  auto invoker = echo_invoker();
  RunningServer server(invoker, config::Api::rest);
  auto client = client_of(server);
  EXPECT_EQ(client.Get("/dev/a?x=1")->status, 200);
  EXPECT_EQ(client.Head("/dev/a")->status, 200);
  EXPECT_EQ(client.Post("/dev/a", "p", "text/plain")->body, "p");
  EXPECT_EQ(client.Put("/dev/a", "u", "text/plain")->body, "u");
  EXPECT_EQ(client.Patch("/dev/a", "h", "text/plain")->body, "h");
  EXPECT_EQ(client.Delete("/dev/a")->status, 200);
  EXPECT_EQ(client.Options("/dev/a")->status, 200);
  std::vector<std::string> methods;
  for (const auto& event : invoker.events()) {
    methods.push_back(event["httpMethod"]);
  }
  EXPECT_EQ(methods,
            (std::vector<std::string>{
                "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}));
  EXPECT_EQ(invoker.events()[0]["queryStringParameters"], json({{"x", "1"}}));
  EXPECT_EQ(invoker.events()[0]["requestContext"]["identity"]["sourceIp"],
            "127.0.0.1");
}

TEST(LocalServer, the_raw_path_and_query_reach_the_event)
{
  auto invoker = echo_invoker();
  RunningServer server(invoker, config::Api::http);
  client_of(server).Get("/dev/a%20b/?q=a+b%26");
  auto event = invoker.events().at(0);
  EXPECT_EQ(event["rawPath"], "/dev/a%20b/");
  EXPECT_EQ(event["rawQueryString"], "q=a+b%26");
  EXPECT_EQ(event["headers"]["x-forwarded-port"],
            std::to_string(server.port()));
}

TEST(LocalServer, binary_bodies_and_repeated_headers_go_both_ways)
{
  auto invoker = echo_invoker();
  RunningServer server(invoker, config::Api::rest);
  std::string bytes;
  for (int i = 0; i < 256; ++i) {
    bytes += static_cast<char>(i);
  }
  auto response =
      client_of(server).Post("/dev/upload", bytes, "application/octet-stream");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, bytes);
  EXPECT_EQ(response->get_header_value_count("Set-Cookie"), 2u);
}

TEST(LocalServer, multipart_bodies_reach_the_event_as_sent)
{
  auto invoker = echo_invoker();
  RunningServer server(invoker, config::Api::http);
  std::string body = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n"
                     "\r\n1\r\n--b--\r\n";
  client_of(server).Post("/dev/form", body, "multipart/form-data; boundary=b");
  auto event = invoker.events().at(0);
  EXPECT_EQ(util::base64_decode(event["body"].get<std::string>()), body);
  EXPECT_EQ(event["headers"]["content-type"],
            "multipart/form-data; boundary=b");
}

TEST(LocalServer, unknown_paths_answer_as_the_api_does)
{
  auto invoker = echo_invoker();
  RunningServer server(invoker, config::Api::rest);
  auto response = client_of(server).Get("/elsewhere");
  EXPECT_EQ(response->status, 403);
  EXPECT_EQ(response->get_header_value("Content-Type"), "application/json");
  EXPECT_TRUE(invoker.events().empty());
}

TEST(LocalServer, requests_run_at_once_up_to_the_connections)
{
  std::atomic<int> running = 0;
  std::atomic<int> most = 0;
  FakeInvoker invoker([&](const json&) {
    int now = ++running;
    for (int seen = most;
         now > seen && !most.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    --running;
    return testing::returned({{"statusCode", 200}});
  });
  RunningServer server(invoker, config::Api::rest, 4);
  auto start = std::chrono::steady_clock::now();
  std::vector<std::future<int>> statuses;
  for (int i = 0; i < 4; ++i) {
    statuses.push_back(std::async(std::launch::async, [&] {
      auto response = client_of(server).Get("/dev/slow");
      return response ? response->status : 0;
    }));
  }
  for (auto& status : statuses) {
    EXPECT_EQ(status.get(), 200);
  }
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(most, 4);
  EXPECT_LT(elapsed, std::chrono::milliseconds(1000));
}

TEST(LocalServer, a_taken_port_is_a_clear_error)
{
  auto invoker = echo_invoker();
  RunningServer first(invoker, config::Api::rest);
  LocalServer second({"127.0.0.1", first.port(), 1, false});
  try {
    second.bind();
    FAIL() << "bound a taken port";
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "cannot listen on 127.0.0.1:" + std::to_string(first.port()) +
                  ": the address is in use (choose another port with --port)");
  }
}

TEST(LocalServer, a_body_over_the_limit_gets_the_apis_413)
{
  auto invoker = echo_invoker();
  RunningServer server(invoker, config::Api::rest);
  auto response = client_of(server).Post(
      "/dev/big", std::string((10 << 20) + 1, 'x'), "text/plain");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_TRUE(invoker.events().empty());
}

TEST(LocalServer, server_url_brackets_ipv6)
{
  EXPECT_EQ(server_url("127.0.0.1", 8000, "/dev/"),
            "http://127.0.0.1:8000/dev/");
  EXPECT_EQ(server_url("::1", 80, "/"), "http://[::1]:80/");
}

} // namespace
} // namespace slam::local
