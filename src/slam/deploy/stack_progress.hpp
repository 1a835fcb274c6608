#pragma once

#include "slam/aws/stack.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slam::deploy {

// What CloudFormation is asked to do to a stack.
enum class StackOperation { creation, update, deletion };

// Return the operation's name in messages: "creation", "update",
// "deletion".
std::string_view operation_name(StackOperation operation);

// Return the resource type TYPE without its "AWS::" prefix.
std::string short_type(std::string_view type);

// Return SECONDS as "42s", or "3m07s" from a minute on.
std::string format_elapsed(std::chrono::seconds seconds);

// Return EVENT as one progress line: the time since ORIGIN, the logical
// id, the short type, the status (coloured when COLOR) and the reason.
std::string
format_event(const aws::StackEvent& event, aws::Timestamp origin, bool color);

// Return whether EVENT is about the stack itself rather than one of its
// resources (a nested stack is a resource).
bool is_stack_event(const aws::StackEvent& event);

// Return the line that closes a successful OPERATION on the stack after
// ELAPSED, counting the resources EVENTS (oldest first) show created,
// updated and deleted: "stack update complete in 42 s: 3 created, 2
// updated, 1 deleted".
std::string format_summary(StackOperation operation,
                           std::chrono::seconds elapsed,
                           const std::vector<aws::StackEvent>& events);

// Return the first failure that EVENTS (oldest first) of a stack show: the
// oldest failed resource that is not merely cancelled because another failed,
// else the oldest failed resource, else the oldest failed event of the stack
// itself.
std::optional<aws::StackEvent>
first_failure(const std::vector<aws::StackEvent>& events);

// Return the events of the latest operation among EVENTS (newest first,
// as DescribeStackEvents gives them) of a stack, oldest first: those from the
// stack's last CREATE, UPDATE or DELETE _IN_PROGRESS event on (rollbacks belong
// to the operation they undo).
std::vector<aws::StackEvent>
latest_operation(const std::vector<aws::StackEvent>& events);

// Prints the events of one stack operation as they arrive (unless quiet)
// and keeps them for the summary and the failure report.
class StackProgress
{
public:
  // Print EVENT as one line and keep it.
  void add(const aws::StackEvent& event);

  // Return the events added so far, oldest first.
  const std::vector<aws::StackEvent>& events() const { return m_events; }

private:
  std::vector<aws::StackEvent> m_events;
  std::optional<aws::Timestamp> m_origin;
};

} // namespace slam::deploy
