#include "slam/local/runtime_api.hpp"

#include "slam/local/runtime_api_state.hpp"
#include "slam/util/error.hpp"

#include <fmt/core.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

namespace slam::local {

namespace {

constexpr time_t k_keep_alive_seconds = 3600;

} // namespace

RuntimeApi::RuntimeApi(std::chrono::milliseconds timeout)
    : m_timeout(timeout), m_state(std::make_unique<State>()),
      m_server(std::make_unique<httplib::Server>())
{
  // One worker keeps one connection: two threads leave room for a
  // reconnection while the old connection winds down.
  m_server->new_task_queue = [] { return new httplib::ThreadPool(2); };
  m_server->set_keep_alive_max_count(std::numeric_limits<std::size_t>::max());
  // While the handler runs, the connection is idle; httplib's default of
  // 5 s would close it under a longer invocation. Lambda's longest
  // timeout is 15 minutes.
  m_server->set_keep_alive_timeout(k_keep_alive_seconds);
  m_server->set_tcp_nodelay(true);
  // Over the limit is answered 413 by the route; far over it, by httplib.
  m_server->set_payload_max_length(4 * k_payload_limit);
  define_routes();
  m_port = m_server->bind_to_any_port("127.0.0.1");
  if (m_port <= 0) {
    throw Error("cannot listen on 127.0.0.1 for the Lambda runtime API");
  }
  m_thread = std::thread([this] { m_server->listen_after_bind(); });
}

RuntimeApi::~RuntimeApi()
{
  close();
}

void RuntimeApi::close()
{
  {
    std::lock_guard lock(m_state->mutex);
    m_state->closing = true;
  }
  m_state->changed.notify_all();
  m_server->stop();
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

std::string RuntimeApi::address() const
{
  return fmt::format("127.0.0.1:{}", m_port);
}

void RuntimeApi::offer(RuntimeInvocation invocation)
{
  {
    std::lock_guard lock(m_state->mutex);
    m_state->offered = std::move(invocation);
    m_state->answer.reset();
    m_state->taken_at.reset();
  }
  m_state->changed.notify_all();
}

RuntimeAnswer RuntimeApi::wait(std::chrono::milliseconds init_limit)
{
  using Kind = RuntimeAnswer::Kind;
  std::unique_lock lock(m_state->mutex);
  auto& state = *m_state;
  auto offered_at = Clock::now();
  auto settled = [&] {
    return state.answer || state.init_error || state.exited || state.closing;
  };
  while (!settled()) {
    auto deadline =
        state.taken_at ? *state.taken_at + m_timeout : offered_at + init_limit;
    if (state.changed.wait_until(lock, deadline) == std::cv_status::timeout &&
        !settled() && Clock::now() >= deadline) {
      break;
    }
  }
  RuntimeAnswer answer{Kind::timed_out, "", "", {}};
  if (state.answer) {
    answer = std::move(*state.answer);
  } else if (state.init_error) {
    answer = {Kind::init_error, *state.init_error, "", {}};
  } else if (state.exited || state.closing) {
    answer.kind = Kind::exited;
  }
  answer.taken_at = state.taken_at;
  state.offered.reset();
  state.answer.reset();
  state.taken_at.reset();
  return answer;
}

void RuntimeApi::worker_exited()
{
  {
    std::lock_guard lock(m_state->mutex);
    m_state->exited = true;
  }
  m_state->changed.notify_all();
}

std::optional<Clock::time_point> RuntimeApi::ready_at() const
{
  std::lock_guard lock(m_state->mutex);
  return m_state->ready_at;
}

std::optional<std::string> RuntimeApi::init_error() const
{
  std::lock_guard lock(m_state->mutex);
  return m_state->init_error;
}

} // namespace slam::local
