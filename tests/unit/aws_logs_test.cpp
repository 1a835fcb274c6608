#include "aws_session_fixture.hpp"
#include "logs_fake.hpp"
#include "slam/aws/error.hpp"
#include "slam/aws/logs.hpp"
#include "slam/aws/session.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;
using slam::aws::testing::FakeLogs;
using slam::aws::testing::FakeResponse;
using slam::aws::testing::FakeServer;
using slam::aws::testing::SeenRequest;
using namespace std::chrono_literals;

namespace {

const RetryPolicy k_two_attempts{2, 0ms, 0ms};

class AwsLogs : public slam::aws::testing::AwsSession
{
protected:
  std::unique_ptr<Session> session_for(const FakeServer& server)
  {
    return AwsSession::session_for(server, k_two_attempts);
  }
};

LogEvent
event(std::string id, std::string stream, std::int64_t ms, std::string message)
{
  return {std::move(id),
          std::move(stream),
          from_epoch_ms(ms),
          from_epoch_ms(ms + 5),
          std::move(message)};
}

std::string error_of(const std::function<void()>& call)
{
  try {
    call();
  } catch (const slam::Error& error) {
    return error.what();
  }
  return "no error";
}

} // namespace

// Every field of the filter goes into the request under its API name.
TEST(AwsLogsInput, filter_fields_use_the_api_names)
{
  LogEventFilter filter;
  filter.group = "/aws/lambda/app";
  filter.start = from_epoch_ms(1'700'000'000'000);
  filter.end = from_epoch_ms(1'700'000'060'000);
  filter.streams = {"a", "b"};
  filter.pattern = "ERROR";
  filter.limit = 50;
  EXPECT_EQ(filter_log_events_input(filter, "token-1"),
            nlohmann::json({{"logGroupName", "/aws/lambda/app"},
                            {"startTime", 1'700'000'000'000},
                            {"endTime", 1'700'000'060'000},
                            {"logStreamNames", {"a", "b"}},
                            {"filterPattern", "ERROR"},
                            {"limit", 50},
                            {"nextToken", "token-1"}}));
}

// Unset fields stay out of the request; a prefix is sent as such.
TEST(AwsLogsInput, unset_fields_are_left_out)
{
  LogEventFilter filter;
  filter.group = "g";
  filter.stream_prefix = "2024/01/31/";
  EXPECT_EQ(filter_log_events_input(filter, ""),
            nlohmann::json({{"logGroupName", "g"},
                            {"logStreamNamePrefix", "2024/01/31/"}}));
}

// AWS refuses stream names together with a prefix; so does the client.
TEST(AwsLogsInput, names_and_prefix_together_are_refused)
{
  LogEventFilter filter;
  filter.group = "g";
  filter.stream_prefix = "2024/";
  filter.streams = {"a"};
  EXPECT_EQ(error_of([&] { filter_log_events_input(filter, ""); }),
            "log group 'g': filter by stream names or by a stream prefix, "
            "not both");
}

// An answer becomes events and the token of the next page.
TEST(AwsLogsParse, answer_gives_events_and_token)
{
  auto answer = nlohmann::json::parse(R"({
    "events": [
      {"logStreamName": "s1", "timestamp": 1000, "message": "one\n",
       "ingestionTime": 1005, "eventId": "e1"},
      {"logStreamName": "s2", "timestamp": 2000, "message": "two",
       "ingestionTime": 2005, "eventId": "e2"}
    ],
    "searchedLogStreams": [],
    "nextToken": "next"
  })");
  EXPECT_EQ(parse_filter_log_events(answer),
            (LogEventPage{{event("e1", "s1", 1000, "one\n"),
                           event("e2", "s2", 2000, "two")},
                          "next"}));
}

// moto ends with "nextToken": null; AWS leaves it out.
TEST(AwsLogsParse, null_or_missing_token_ends_the_pages)
{
  EXPECT_EQ(parse_filter_log_events(
                nlohmann::json::parse(R"({"events": [], "nextToken": null})")),
            LogEventPage{});
  EXPECT_EQ(parse_filter_log_events(nlohmann::json::parse(R"({})")),
            LogEventPage{});
}

// An event without a numeric timestamp is malformed, not a zero time: it
// is skipped, and the other events of the page are kept.
TEST(AwsLogsParse, event_without_numeric_time_is_skipped)
{
  auto answer = nlohmann::json::parse(R"({"events": [
      {"eventId": "e1", "logStreamName": "s", "message": "m"},
      {"eventId": "e2", "logStreamName": "s", "message": "m",
       "timestamp": "1000"},
      {"eventId": "e3", "logStreamName": "s", "message": "m",
       "timestamp": 1000, "ingestionTime": null},
      {"eventId": "e4", "logStreamName": "s", "message": "kept",
       "timestamp": 2000, "ingestionTime": 2005}]})");
  EXPECT_EQ(parse_filter_log_events(answer),
            (LogEventPage{{event("e4", "s", 2000, "kept")}, ""}));
}

// moto writes its own error events with fractional milliseconds: they
// are rounded down.
TEST(AwsLogsParse, fractional_times_are_rounded_down)
{
  auto answer = nlohmann::json::parse(R"({"events": [
      {"eventId": "e", "logStreamName": "s", "message": "m",
       "timestamp": 1796412412308.5798, "ingestionTime": 1796412412313.9}]})");
  EXPECT_EQ(parse_filter_log_events(answer),
            (LogEventPage{{event("e", "s", 1796412412308, "m")}, ""}));
}

// A time beyond what a Timestamp holds (nanoseconds in 64 bits) is not a
// time either: its conversion overflowed (found by the aws_json fuzz
// target, UBSan).
TEST(AwsLogsParse, times_beyond_the_clock_are_skipped)
{
  auto answer = nlohmann::json::parse(R"({"events": [
      {"eventId": "e1", "logStreamName": "s", "message": "m",
       "timestamp": 9223372036854775807},
      {"eventId": "e2", "logStreamName": "s", "message": "m",
       "timestamp": 18446744073709551615},
      {"eventId": "e3", "logStreamName": "s", "message": "m",
       "timestamp": 1000, "ingestionTime": -9300000000000},
      {"eventId": "e4", "logStreamName": "s", "message": "m",
       "timestamp": 1e300},
      {"eventId": "e5", "logStreamName": "s", "message": "kept",
       "timestamp": 2000, "ingestionTime": 2005}]})");
  EXPECT_EQ(parse_filter_log_events(answer),
            (LogEventPage{{event("e5", "s", 2000, "kept")}, ""}));
}

// The time conversion keeps milliseconds, before and after the epoch.
TEST(AwsLogsParse, epoch_milliseconds_round_trip)
{
  for (std::int64_t ms : {0LL, 1LL, 1'706'700'000'123LL, -1LL}) {
    EXPECT_EQ(to_epoch_ms(from_epoch_ms(ms)), ms);
  }
}

// The call is a JSON 1.1 POST with the operation in X-Amz-Target, signed
// for the "logs" service.
TEST_F(AwsLogs, request_is_a_signed_json_post)
{
  FakeServer server([](int, const SeenRequest&) {
    return FakeResponse{200, R"({"events": []})"};
  });
  auto session = session_for(server);
  LogEventFilter filter;
  filter.group = "g";
  Logs(*session).filter_log_events_page(filter);
  auto seen = server.requests().at(0);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/");
  EXPECT_EQ(seen.header("X-Amz-Target"), "Logs_20140328.FilterLogEvents");
  EXPECT_EQ(seen.header("Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(seen.body, R"({"logGroupName":"g"})");
  EXPECT_NE(seen.header("Authorization").find("/eu-west-1/logs/aws4_request"),
            std::string::npos)
      << seen.header("Authorization");
}

// Pages are followed until there is no token; each request carries the
// previous page's token.
TEST_F(AwsLogs, every_page_is_read)
{
  FakeLogs logs(2);
  for (int i = 0; i < 5; ++i) {
    logs.put("g", "s", 1000 + i, "m" + std::to_string(i));
  }
  FakeServer server([&logs](int, const SeenRequest& request) {
    return logs.answer(request);
  });
  auto session = session_for(server);
  LogEventFilter filter;
  filter.group = "g";
  EXPECT_EQ(Logs(*session).filter_log_events(filter),
            (std::vector<LogEvent>{event("1", "s", 1000, "m0"),
                                   event("2", "s", 1001, "m1"),
                                   event("3", "s", 1002, "m2"),
                                   event("4", "s", 1003, "m3"),
                                   event("5", "s", 1004, "m4")}));
  std::vector<std::string> tokens;
  for (const auto& request : server.requests()) {
    tokens.push_back(
        nlohmann::json::parse(request.body).value("nextToken", "(none)"));
  }
  EXPECT_EQ(tokens, (std::vector<std::string>{"(none)", "g#2", "g#4"}));
}

// The last token of one group is not sent with the next group's first
// request (the original Slam's bug, which AWS answers with an error).
TEST_F(AwsLogs, tokens_stay_within_their_group)
{
  FakeLogs logs(2);
  for (int i = 0; i < 3; ++i) {
    logs.put("first", "s", 1000 + i, "first");
  }
  logs.put("second", "s", 1000, "second");
  FakeServer server([&logs](int, const SeenRequest& request) {
    return logs.answer(request);
  });
  auto session = session_for(server);
  Logs client(*session);
  LogEventFilter filter;
  filter.group = "first";
  EXPECT_EQ(client.filter_log_events(filter).size(), 3u);
  filter.group = "second";
  EXPECT_EQ(client.filter_log_events(filter),
            (std::vector<LogEvent>{event("4", "s", 1000, "second")}));
  EXPECT_FALSE(nlohmann::json::parse(server.requests().back().body)
                   .contains("nextToken"));
}

// A log group that does not exist yet has no events.
TEST_F(AwsLogs, missing_group_has_no_events)
{
  FakeLogs logs(2);
  FakeServer server([&logs](int, const SeenRequest& request) {
    return logs.answer(request);
  });
  auto session = session_for(server);
  LogEventFilter filter;
  filter.group = "/aws/lambda/never-called";
  EXPECT_EQ(Logs(*session).filter_log_events(filter), std::vector<LogEvent>{});
}

// Other errors reach the caller with the service's code and message.
TEST_F(AwsLogs, other_errors_are_thrown)
{
  FakeServer server([](int, const SeenRequest&) {
    return FakeResponse{400,
                        R"({"__type": "AccessDeniedException",
                            "message": "not allowed"})"};
  });
  auto session = session_for(server);
  LogEventFilter filter;
  filter.group = "g";
  EXPECT_EQ(error_of([&] { Logs(*session).filter_log_events(filter); }),
            "logs FilterLogEvents: AccessDeniedException: not allowed");
}

// A server that hands back the token it was given would loop forever;
// the client stops instead.
TEST_F(AwsLogs, repeated_token_stops_the_pages)
{
  FakeServer server([](int index, const SeenRequest&) {
    return FakeResponse{200,
                        nlohmann::json({{"events",
                                         {{{"eventId", std::to_string(index)},
                                           {"logStreamName", "s"},
                                           {"timestamp", 1000},
                                           {"message", "m"}}}},
                                        {"nextToken", "same"}})
                            .dump()};
  });
  auto session = session_for(server);
  LogEventFilter filter;
  filter.group = "g";
  EXPECT_EQ(Logs(*session).filter_log_events(filter).size(), 2u);
  EXPECT_EQ(server.requests().size(), 2u);
}
