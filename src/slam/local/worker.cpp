#include "slam/local/worker.hpp"

#include "slam/local/lambda_log.hpp"
#include "slam/local/request_ids.hpp"
#include "slam/local/worker_output.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace slam::local {
namespace {

using Clock = std::chrono::steady_clock;
using Kind = RuntimeAnswer::Kind;

std::string error_payload(const std::string& type, const std::string& message)
{
  return nlohmann::json{{"errorMessage", message}, {"errorType", type}}.dump();
}

std::string timeout_message(std::string_view request_id,
                            std::chrono::milliseconds timeout)
{
  return fmt::format("RequestId: {} Error: Task timed out after {:.2f} seconds",
                     request_id,
                     static_cast<double>(timeout.count()) / 1000.0);
}

std::chrono::microseconds micros(Clock::duration duration)
{
  return std::chrono::duration_cast<std::chrono::microseconds>(duration);
}

WorkerCommand with_runtime_api(WorkerCommand command, const RuntimeApi& api)
{
  command.environment.push_back("AWS_LAMBDA_RUNTIME_API=" + api.address());
  return command;
}

} // namespace

Worker::Worker(const WorkerSettings& settings, int number)
    : m_settings(settings),
      m_api(std::make_unique<RuntimeApi>(settings.timeout)),
      m_spawned(Clock::now())
{
  m_process = std::make_unique<WorkerProcess>(
      with_runtime_api(settings.command, *m_api), [this](int status) {
        m_exit_status = status;
        m_exited = true;
        m_api->worker_exited();
      });
  m_status = open_process_status(m_process->pid());
  m_output = std::make_unique<WorkerOutput>(
      m_process->output(), fmt::format("[worker {}] ", number));
}

Worker::~Worker()
{
  m_process->kill_group();
  m_output->stop();
  m_output->drain();
  m_process.reset(); // waits for the exit, whose callback uses m_api
  m_api.reset();
}

bool Worker::usable() const
{
  return !m_spent && !m_exited;
}

int Worker::pid() const
{
  return m_process->pid();
}

InvocationResult Worker::invoke(const std::string& event,
                                const std::string& request_id)
{
  write_log_line(log_prefix(request_id) + start_line(request_id));
  m_output->set_prefix(log_prefix(request_id));
  auto offered = Clock::now();
  auto answer = m_api->invoke(
      {request_id, event, m_settings.function_arn, random_function_trace_id()},
      m_settings.init_limit);
  auto ended = Clock::now();
  // As Lambda, count a cold start apart (Init Duration), not in Duration.
  std::optional<std::chrono::microseconds> init_duration;
  auto ready = m_api->ready_at();
  if (!m_warm && ready) {
    init_duration = micros(*ready - m_spawned);
  }
  m_warm = m_warm || answer.taken_at.has_value();
  auto began = answer.taken_at.value_or(offered);
  auto memory = max_memory_used_mb(m_status.get());
  if (memory > 0) {
    m_memory_used_mb = memory;
  }
  auto result = settle(request_id, std::move(answer));
  if (m_memory_used_mb > m_settings.memory_size_mb &&
      result.outcome != Outcome::crashed) {
    result = out_of_memory(request_id);
  }
  result.duration = micros(ended - began);
  m_output->drain();
  m_output->set_prefix("");
  report(result, init_duration);
  return result;
}

InvocationResult Worker::out_of_memory(const std::string& request_id)
{
  // Lambda kills a function past its memory size. Here the high-water
  // mark is read when the invocation ends, so the verdict comes then:
  // the same error, and a fresh worker next.
  m_process->kill_group();
  m_spent = true;
  auto message = fmt::format(
      "RequestId: {} Error: Runtime exited with error: signal: killed",
      request_id);
  write_log_line(log_prefix(request_id) +
                 fmt::format("{} (it used {} MB, over the function's "
                             "memory size of {} MB)",
                             message,
                             m_memory_used_mb,
                             m_settings.memory_size_mb));
  m_memory_used_mb = m_settings.memory_size_mb; // as Lambda's REPORT says
  return {Outcome::crashed,
          error_payload("Runtime.OutOfMemory", message),
          request_id};
}

void Worker::report(const InvocationResult& result,
                    std::optional<std::chrono::microseconds> init_duration)
{
  const auto& id = result.request_id;
  auto prefix = log_prefix(id);
  write_log_line(prefix + end_line(id));
  Report report{result.duration,
                m_settings.memory_size_mb,
                m_memory_used_mb,
                init_duration,
                ""};
  if (result.outcome == Outcome::timeout) {
    report.status = "timeout";
  } else if (result.outcome == Outcome::crashed ||
             result.outcome == Outcome::init_error) {
    report.status = "error";
  }
  write_log_line(prefix + report_line(id, report));
}

InvocationResult Worker::settle(const std::string& request_id,
                                RuntimeAnswer answer)
{
  InvocationResult result{Outcome::success, std::move(answer.body), request_id};
  auto prefix = log_prefix(request_id);
  switch (answer.kind) {
  case Kind::response:
    break;
  case Kind::error:
    result.outcome = Outcome::function_error;
    break;
  case Kind::too_large:
    result.outcome = Outcome::too_large;
    result.payload = error_payload(
        "Function.ResponseSizeTooLarge",
        fmt::format("Response payload size exceeded maximum allowed payload "
                    "size ({} bytes).",
                    k_payload_limit));
    break;
  case Kind::init_error:
    result.outcome = Outcome::init_error;
    m_spent = true;
    break;
  case Kind::timed_out: {
    m_process->kill_group();
    m_spent = true;
    result.outcome = Outcome::timeout;
    auto message = timeout_message(request_id, m_settings.timeout);
    result.payload = error_payload("Sandbox.Timedout", message);
    write_log_line(prefix + message);
    break;
  }
  case Kind::exited: {
    m_spent = true;
    result.outcome = Outcome::crashed;
    auto message =
        fmt::format("RequestId: {} Error: Runtime exited with error: {}",
                    request_id,
                    describe_exit(m_exit_status));
    result.payload = error_payload("Runtime.ExitError", message);
    write_log_line(prefix + message);
    break;
  }
  }
  return result;
}

} // namespace slam::local
