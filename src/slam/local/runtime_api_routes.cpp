// The routes of the Lambda runtime API, as custom runtimes call them.
#include "slam/local/runtime_api.hpp"
#include "slam/local/runtime_api_state.hpp"

#include <fmt/core.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

namespace slam::local {

namespace {

constexpr const char* k_json = "application/json";

void reply_error(httplib::Response& response,
                 int status,
                 const std::string& type,
                 const std::string& message)
{
  response.status = status;
  nlohmann::json body = {{"errorMessage", message}, {"errorType", type}};
  response.set_content(body.dump(), k_json);
}

void reply_accepted(httplib::Response& response)
{
  response.status = 202;
  response.set_content(R"({"status":"OK"})", k_json);
}

// Return BODY when it is a JSON object, as Lambda passes it on, else an
// error object of ERROR_TYPE.
std::string error_object(const std::string& body, const std::string& type)
{
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_object()) {
    return body;
  }
  nlohmann::json fault = {{"errorMessage", body}, {"errorType", type}};
  return fault.dump();
}

std::string error_type_of(const httplib::Request& request)
{
  auto type = request.get_header_value("Lambda-Runtime-Function-Error-Type");
  return type.empty() ? "Unhandled" : type;
}

// Record the worker's answer (KIND: response or error) to the invocation
// REQUEST names, or refuse it as Lambda does.
void answer_invocation(RuntimeApi::State& state,
                       RuntimeAnswer::Kind kind,
                       const httplib::Request& request,
                       httplib::Response& response)
{
  std::unique_lock lock(state.mutex);
  auto id = request.matches[1].str();
  if (id != state.current_id || id.empty()) {
    if (!id.empty() && id == state.answered_id) {
      reply_error(response,
                  403,
                  "InvalidStateTransition",
                  "invocation '" + id + "' was answered already");
    } else {
      reply_error(response, 400, "InvalidRequestID", "Invalid request ID");
    }
    return;
  }
  state.answered_id = id;
  state.current_id.clear();
  if (kind == RuntimeAnswer::Kind::response &&
      request.body.size() > k_payload_limit) {
    state.answer = RuntimeAnswer{RuntimeAnswer::Kind::too_large, "", "", {}};
    reply_error(response,
                413,
                "RequestEntityTooLarge",
                fmt::format("Exceeded maximum allowed payload size ({} bytes).",
                            k_payload_limit));
  } else if (kind == RuntimeAnswer::Kind::response) {
    state.answer = RuntimeAnswer{kind, request.body, "", {}};
    reply_accepted(response);
  } else {
    auto type = error_type_of(request);
    state.answer =
        RuntimeAnswer{kind, error_object(request.body, type), type, {}};
    reply_accepted(response);
  }
  lock.unlock();
  state.changed.notify_all();
}

} // namespace

void RuntimeApi::define_routes()
{
  auto& state = *m_state;
  auto timeout = m_timeout;
  m_server->Get(
      "/2018-06-01/runtime/invocation/next",
      [&state, timeout](const httplib::Request&, httplib::Response& response) {
        std::unique_lock lock(state.mutex);
        if (!state.initialized) {
          state.initialized = true;
          state.ready_at = Clock::now();
        }
        state.changed.wait(lock,
                           [&] { return state.offered || state.closing; });
        if (state.closing) {
          // Lambda's "container error": the runtime must exit.
          reply_error(response, 500, "ServiceException", "shutting down");
          return;
        }
        auto invocation = std::move(*state.offered);
        state.offered.reset();
        state.current_id = invocation.request_id;
        state.taken_at = Clock::now();
        auto deadline = std::chrono::duration_cast<std::chrono::milliseconds>(
            (std::chrono::system_clock::now() + timeout).time_since_epoch());
        lock.unlock();
        state.changed.notify_all();
        response.set_header("Lambda-Runtime-Aws-Request-Id",
                            invocation.request_id);
        response.set_header("Lambda-Runtime-Deadline-Ms",
                            std::to_string(deadline.count()));
        response.set_header("Lambda-Runtime-Invoked-Function-Arn",
                            invocation.function_arn);
        response.set_header("Lambda-Runtime-Trace-Id", invocation.trace_id);
        response.set_content(std::move(invocation.event), k_json);
      });
  auto answer = [&state](RuntimeAnswer::Kind kind) {
    return [&state, kind](const httplib::Request& request,
                          httplib::Response& response) {
      answer_invocation(state, kind, request, response);
    };
  };
  m_server->Post(R"(/2018-06-01/runtime/invocation/([^/]+)/response)",
                 answer(RuntimeAnswer::Kind::response));
  m_server->Post(R"(/2018-06-01/runtime/invocation/([^/]+)/error)",
                 answer(RuntimeAnswer::Kind::error));
  m_server->Post(
      "/2018-06-01/runtime/init/error",
      [&state](const httplib::Request& request, httplib::Response& response) {
        std::unique_lock lock(state.mutex);
        if (state.initialized) {
          reply_error(response,
                      403,
                      "InvalidStateTransition",
                      "init error after the runtime asked for an invocation");
          return;
        }
        state.init_error = error_object(request.body, error_type_of(request));
        lock.unlock();
        state.changed.notify_all();
        reply_accepted(response);
      });
}

} // namespace slam::local
