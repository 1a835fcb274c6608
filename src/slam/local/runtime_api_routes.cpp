// The routes of the Lambda runtime API, as custom runtimes call them.
#include "slam/local/runtime_api.hpp"
#include "slam/local/runtime_api_exchange.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace slam::local {

namespace {

using Kind = RuntimeAnswer::Kind;

constexpr std::string_view k_next = "/2018-06-01/runtime/invocation/next";
constexpr std::string_view k_invocation = "/2018-06-01/runtime/invocation/";
constexpr std::string_view k_init_error = "/2018-06-01/runtime/init/error";
constexpr std::string_view k_accepted = R"({"status":"OK"})";

std::string error_body(const std::string& type, const std::string& message)
{
  return nlohmann::json{{"errorMessage", message}, {"errorType", type}}.dump();
}

// Return BODY when it is a JSON object, as Lambda passes it on, else an
// error object of ERROR_TYPE.
std::string error_object(const std::string& body, const std::string& type)
{
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  return parsed.is_object() ? body : error_body(type, body);
}

std::string error_type_of(const ReceivedRequest& request)
{
  auto type = request.header("lambda-runtime-function-error-type");
  return type.empty() ? "Unhandled" : type;
}

// Return the request id and the answer's kind of TARGET, a POST to
// .../invocation/ID/response or .../invocation/ID/error.
std::optional<std::pair<std::string, Kind>>
answer_target(std::string_view target)
{
  if (target.substr(0, k_invocation.size()) != k_invocation) {
    return std::nullopt;
  }
  target.remove_prefix(k_invocation.size());
  auto slash = target.find('/');
  if (slash == 0 || slash == std::string_view::npos) {
    return std::nullopt;
  }
  auto id = std::string(target.substr(0, slash));
  auto rest = target.substr(slash + 1);
  if (rest == "response") {
    return std::pair{id, Kind::response};
  }
  if (rest == "error") {
    return std::pair{id, Kind::error};
  }
  return std::nullopt;
}

// The steady-clock time of ARRIVED, a wall-clock time in the past.
Clock::time_point
steady_time_of(std::optional<std::chrono::system_clock::time_point> arrived)
{
  auto now = Clock::now();
  if (!arrived) {
    return now;
  }
  auto age = std::chrono::system_clock::now() - *arrived;
  return now - std::clamp(std::chrono::duration_cast<Clock::duration>(age),
                          Clock::duration::zero(),
                          std::chrono::duration_cast<Clock::duration>(
                              std::chrono::hours(1)));
}

} // namespace

void RuntimeApi::route(Exchange& exchange, const ReceivedRequest& request)
{
  auto answered = answer_target(request.target);
  if (request.method == "GET" && request.target == k_next) {
    take(exchange, request);
  } else if (request.method == "POST" && answered) {
    answer(exchange, answered->first, answered->second, request);
  } else if (request.method == "POST" && request.target == k_init_error) {
    post_init_error(exchange, request);
  } else {
    reply(exchange,
          404,
          error_body(
              "ResourceNotFound",
              fmt::format("no route {} {}", request.method, request.target)));
  }
  if (!request.keep_alive) {
    m_connection.reset();
  }
}

void RuntimeApi::take(Exchange& exchange, const ReceivedRequest& request)
{
  if (!m_ready_at) {
    m_ready_at = steady_time_of(request.arrived);
  }
  if (exchange.taken_at) {
    // A second /next before an answer: Lambda holds it back; the
    // invocation then ends with its timeout, unless an answer comes.
    return;
  }
  exchange.taken_at = Clock::now();
  exchange.deadline = *exchange.taken_at + m_timeout;
  auto deadline = std::chrono::duration_cast<std::chrono::milliseconds>(
      (std::chrono::system_clock::now() + m_timeout).time_since_epoch());
  const auto& invocation = exchange.invocation;
  reply(exchange,
        200,
        invocation.event,
        {{"Lambda-Runtime-Aws-Request-Id", invocation.request_id},
         {"Lambda-Runtime-Deadline-Ms", std::to_string(deadline.count())},
         {"Lambda-Runtime-Invoked-Function-Arn", invocation.function_arn},
         {"Lambda-Runtime-Trace-Id", invocation.trace_id}});
}

void RuntimeApi::answer(Exchange& exchange,
                        const std::string& id,
                        Kind kind,
                        const ReceivedRequest& request)
{
  if (!exchange.taken_at || id != exchange.invocation.request_id) {
    if (id == m_answered_id) {
      reply(exchange,
            403,
            error_body("InvalidStateTransition",
                       "invocation '" + id + "' was answered already"));
    } else {
      reply(
          exchange, 400, error_body("InvalidRequestID", "Invalid request ID"));
    }
    return;
  }
  m_answered_id = id;
  if (kind == Kind::response && request.body_length > k_payload_limit) {
    exchange.answer = RuntimeAnswer{Kind::too_large, "", "", {}};
    reply(exchange,
          413,
          error_body("RequestEntityTooLarge",
                     fmt::format("Exceeded maximum allowed payload size ({} "
                                 "bytes).",
                                 k_payload_limit)));
    return;
  }
  if (kind == Kind::response) {
    exchange.answer = RuntimeAnswer{kind, request.body, "", {}};
  } else {
    auto type = error_type_of(request);
    exchange.answer =
        RuntimeAnswer{kind, error_object(request.body, type), type, {}};
  }
  if (m_connection && request.keep_alive && m_connection->has_buffered_head()) {
    // The runtime sent its next /next with the answer (slam's bootstrap
    // does): the 202 goes out with the next invocation, one wake-up for
    // the worker instead of two.
    m_connection->defer(
        202, {{"Content-Type", "application/json"}}, k_accepted);
    return;
  }
  reply(exchange, 202, k_accepted);
}

void RuntimeApi::post_init_error(Exchange& exchange,
                                 const ReceivedRequest& request)
{
  if (m_ready_at) {
    reply(exchange,
          403,
          error_body("InvalidStateTransition",
                     "init error after the runtime asked for an invocation"));
    return;
  }
  m_init_error = error_object(request.body, error_type_of(request));
  exchange.answer = RuntimeAnswer{Kind::init_error, *m_init_error, "", {}};
  reply(exchange, 202, k_accepted);
}

void RuntimeApi::reply(Exchange& exchange,
                       int status,
                       std::string_view body,
                       HeaderFields headers)
{
  headers.emplace_back("Content-Type", "application/json");
  if (m_connection &&
      !m_connection->respond(status, headers, body, exchange.deadline)) {
    m_connection.reset();
  }
}

} // namespace slam::local
