#include "slam/local/runtime_api.hpp"

#include <future>
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

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

// Offer the invocation ID and take it as the runtime would.
void take(RuntimeApi& api, httplib::Client& client, const std::string& id)
{
  api.offer(invocation(id));
  ASSERT_EQ(client.Get(path("/invocation/next").c_str())->status, 200);
}

std::string error_type(const httplib::Result& result)
{
  return nlohmann::json::parse(result->body).at("errorType");
}

} // namespace

// /next hands the offered invocation with Lambda's headers; the posted
// response ends wait().
TEST(RuntimeApi, next_gives_the_offered_invocation_and_response_answers_it)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  api.offer(invocation("id-1"));
  auto before = std::chrono::system_clock::now();
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
  auto answer = api.wait(1000ms);
  EXPECT_EQ(answer.kind, Kind::response);
  EXPECT_EQ(answer.body, "[1,2]");
}

// /next waits (long polls) until an invocation is offered.
TEST(RuntimeApi, next_waits_for_an_offer)
{
  RuntimeApi api(3000ms);
  auto next = std::async(std::launch::async, [&] {
    auto client = client_of(api);
    return client.Get(path("/invocation/next").c_str())->body;
  });
  EXPECT_EQ(next.wait_for(200ms), std::future_status::timeout);
  api.offer(invocation("id-2"));
  EXPECT_EQ(next.get(), R"({"n": 1})");
}

TEST(RuntimeApi, error_answers_with_the_error_object_and_its_type)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  take(api, client, "id-3");
  httplib::Headers headers{{"Lambda-Runtime-Function-Error-Type", "KeyError"}};
  auto posted = client.Post(path("/invocation/id-3/error").c_str(),
                            headers,
                            R"({"errorMessage":"'x'","errorType":"KeyError"})",
                            "application/json");
  EXPECT_EQ(posted->status, 202);
  auto answer = api.wait(1000ms);
  EXPECT_EQ(answer.kind, Kind::error);
  EXPECT_EQ(answer.error_type, "KeyError");
  EXPECT_EQ(answer.body, R"({"errorMessage":"'x'","errorType":"KeyError"})");
}

// An error body that is not an object still reaches the caller as one.
TEST(RuntimeApi, error_body_that_is_not_json_becomes_an_error_object)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  take(api, client, "id-4");
  client.Post(path("/invocation/id-4/error").c_str(), "boom", "text/plain");
  auto answer = api.wait(1000ms);
  EXPECT_EQ(
      nlohmann::json::parse(answer.body),
      (nlohmann::json{{"errorMessage", "boom"}, {"errorType", "Unhandled"}}));
}

TEST(RuntimeApi, unknown_request_id_is_refused_with_400)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  take(api, client, "id-5");
  auto posted =
      client.Post(path("/invocation/other/response").c_str(), "1", "a/b");
  EXPECT_EQ(posted->status, 400);
  EXPECT_EQ(error_type(posted), "InvalidRequestID");
}

TEST(RuntimeApi, second_answer_is_refused_with_403)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  take(api, client, "id-6");
  client.Post(path("/invocation/id-6/response").c_str(), "1", "a/b");
  auto again = client.Post(path("/invocation/id-6/error").c_str(), "{}", "a/b");
  EXPECT_EQ(again->status, 403);
  EXPECT_EQ(error_type(again), "InvalidStateTransition");
}

TEST(RuntimeApi, unknown_path_is_404)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  EXPECT_EQ(client.Get(path("/invocation/nope").c_str())->status, 404);
}

// A result over Lambda's 6 MB is refused with 413 and the invocation ends
// as too large.
TEST(RuntimeApi, response_over_the_payload_limit_is_413)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  take(api, client, "id-7");
  std::string big(slam::local::k_payload_limit + 1, 'x');
  auto posted =
      client.Post(path("/invocation/id-7/response").c_str(), big, "a/b");
  EXPECT_EQ(posted->status, 413);
  EXPECT_EQ(api.wait(1000ms).kind, Kind::too_large);
}

TEST(RuntimeApi, init_error_ends_the_wait_with_its_error_object)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  auto posted = client.Post(path("/init/error").c_str(),
                            R"({"errorMessage":"m","errorType":"T"})",
                            "application/json");
  EXPECT_EQ(posted->status, 202);
  api.offer(invocation("id-8"));
  auto answer = api.wait(1000ms);
  EXPECT_EQ(answer.kind, Kind::init_error);
  EXPECT_EQ(answer.body, R"({"errorMessage":"m","errorType":"T"})");
  EXPECT_EQ(api.init_error(), answer.body);
}

// Once the runtime has asked for work, its init is over.
TEST(RuntimeApi, init_error_after_next_is_403)
{
  RuntimeApi api(3000ms);
  auto client = client_of(api);
  take(api, client, "id-9");
  auto posted = client.Post(path("/init/error").c_str(), "{}", "a/b");
  EXPECT_EQ(posted->status, 403);
}

TEST(RuntimeApi, wait_times_out_from_when_the_invocation_was_taken)
{
  RuntimeApi api(300ms);
  auto client = client_of(api);
  take(api, client, "id-10");
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(api.wait(5000ms).kind, Kind::timed_out);
  auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, 250ms);
  EXPECT_LT(waited, 2000ms);
}

TEST(RuntimeApi, wait_gives_up_when_nobody_takes_the_invocation)
{
  RuntimeApi api(5000ms);
  api.offer(invocation("id-11"));
  EXPECT_EQ(api.wait(200ms).kind, Kind::timed_out);
}

TEST(RuntimeApi, worker_exit_ends_the_wait)
{
  RuntimeApi api(5000ms);
  api.offer(invocation("id-12"));
  auto answer =
      std::async(std::launch::async, [&] { return api.wait(5000ms); });
  api.worker_exited();
  EXPECT_EQ(answer.get().kind, Kind::exited);
}

// Closing wakes a runtime waiting in /next, which is told to exit.
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
  auto status = next.get();
  EXPECT_TRUE(status == 500 || status == -1) << status;
}
