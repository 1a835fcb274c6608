#include "slam/deploy/stack_progress.hpp"

#include "slam/util/log.hpp"

#include <algorithm>
#include <array>
#include <fmt/core.h>

namespace slam::deploy {
namespace {

constexpr std::string_view k_stack_type = "AWS::CloudFormation::Stack";

// Pad the short columns so that most lines line up; longer values push
// the rest of their line to the right rather than being cut.
constexpr int k_id_width = 24;
constexpr int k_type_width = 24;
constexpr std::size_t k_status_width = 18;

std::string_view status_color(std::string_view status)
{
  if (status.find("FAILED") != status.npos ||
      status.find("ROLLBACK") != status.npos) {
    return "31"; // red: something went wrong, even if the undo worked
  }
  if (status.ends_with("_IN_PROGRESS")) {
    return "33"; // yellow
  }
  if (status.ends_with("_COMPLETE")) {
    return "32"; // green
  }
  return "";
}

// Return TEXT on one line: CloudFormation reasons may hold line breaks.
std::string one_line(std::string_view text)
{
  std::string line;
  bool blank = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space && !line.empty()) {
      blank = true;
    } else if (!space) {
      if (blank) {
        line += ' ';
      }
      blank = false;
      line += c;
    }
  }
  return line;
}

bool is_cancellation(const aws::StackEvent& event)
{
  return event.status_reason.find("cancelled") != std::string::npos;
}

bool is_operation_start(const aws::StackEvent& event)
{
  constexpr std::array<std::string_view, 4> k_starts = {"CREATE_IN_PROGRESS",
                                                        "UPDATE_IN_PROGRESS",
                                                        "DELETE_IN_PROGRESS",
                                                        "IMPORT_IN_PROGRESS"};
  return is_stack_event(event) &&
         std::find(k_starts.begin(), k_starts.end(), event.status) !=
             k_starts.end();
}

} // namespace

std::string_view operation_name(StackOperation operation)
{
  switch (operation) {
  case StackOperation::creation:
    return "creation";
  case StackOperation::update:
    return "update";
  case StackOperation::deletion:
    return "deletion";
  }
  return "operation";
}

std::string short_type(std::string_view type)
{
  if (type.starts_with("AWS::")) {
    type.remove_prefix(5);
  }
  return std::string(type);
}

std::string format_elapsed(std::chrono::seconds seconds)
{
  auto count = std::max<long long>(seconds.count(), 0);
  if (count < 60) {
    return fmt::format("{}s", count);
  }
  return fmt::format("{}m{:02}s", count / 60, count % 60);
}

std::string
format_event(const aws::StackEvent& event, aws::Timestamp origin, bool color)
{
  auto elapsed =
      std::chrono::duration_cast<std::chrono::seconds>(event.time - origin);
  auto line = fmt::format("{:>6}  {:<{}} {:<{}} ",
                          format_elapsed(elapsed),
                          event.logical_id,
                          k_id_width,
                          short_type(event.resource_type),
                          k_type_width);
  auto code = status_color(event.status);
  line += color && !code.empty()
              ? fmt::format("\033[{}m{}\033[0m", code, event.status)
              : event.status;
  auto reason = one_line(event.status_reason);
  if (!reason.empty()) {
    auto width = std::max(event.status.size(), k_status_width);
    line += std::string(width - event.status.size() + 2, ' ') + reason;
  }
  return line;
}

bool is_stack_event(const aws::StackEvent& event)
{
  return event.resource_type == k_stack_type &&
         event.logical_id == event.stack_name;
}

std::string format_summary(StackOperation operation,
                           std::chrono::seconds elapsed,
                           const std::vector<aws::StackEvent>& events)
{
  int created = 0;
  int updated = 0;
  int deleted = 0;
  for (const auto& event : events) {
    if (is_stack_event(event)) {
      continue;
    }
    created += event.status == "CREATE_COMPLETE" ? 1 : 0;
    updated += event.status == "UPDATE_COMPLETE" ? 1 : 0;
    deleted += event.status == "DELETE_COMPLETE" ? 1 : 0;
  }
  auto line = fmt::format("stack {} complete in {} s",
                          operation_name(operation),
                          std::max<long long>(elapsed.count(), 0));
  std::string counts;
  for (auto [count, word] : {std::pair{created, "created"},
                             std::pair{updated, "updated"},
                             std::pair{deleted, "deleted"}}) {
    if (count > 0) {
      counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", count, word);
    }
  }
  return counts.empty() ? line : line + ": " + counts;
}

std::optional<aws::StackEvent>
first_failure(const std::vector<aws::StackEvent>& events)
{
  std::optional<aws::StackEvent> cancelled;
  std::optional<aws::StackEvent> stack;
  for (const auto& event : events) {
    if (!event.status.ends_with("_FAILED")) {
      continue;
    }
    if (is_stack_event(event)) {
      stack = stack ? stack : event;
    } else if (is_cancellation(event)) {
      cancelled = cancelled ? cancelled : event;
    } else {
      return event;
    }
  }
  return cancelled ? cancelled : stack;
}

std::vector<aws::StackEvent>
latest_operation(const std::vector<aws::StackEvent>& events)
{
  std::vector<aws::StackEvent> operation;
  for (const auto& event : events) {
    operation.push_back(event);
    if (is_operation_start(event)) {
      break;
    }
  }
  std::reverse(operation.begin(), operation.end());
  return operation;
}

void StackProgress::add(const aws::StackEvent& event)
{
  if (!m_origin) {
    m_origin = event.time;
  }
  m_events.push_back(event);
  util::note(format_event(event, *m_origin, util::color_enabled()));
}

} // namespace slam::deploy
