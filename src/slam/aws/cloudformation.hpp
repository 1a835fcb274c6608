#pragma once

#include "slam/aws/stack.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace slam::aws {

class Session;

// How wait_for_stack polls and what it reports.
struct StackWait
{
  std::chrono::milliseconds poll_interval{5'000};
  std::chrono::seconds timeout{3'600};
  // Called with each new event in the order they happened, when set.
  std::function<void(const StackEvent&)> on_event;
  // Events before this time are old news and not reported; set it a
  // little before the call that starts the change, as clocks differ.
  Timestamp since = std::chrono::system_clock::now();
};

// The CloudFormation API (query protocol).
class CloudFormation
{
public:
  explicit CloudFormation(Session& session) : m_session(session) {}

  // Return the stack NAME (a name or id), or nothing when it does not
  // exist or is DELETE_COMPLETE.
  std::optional<Stack> describe_stack(const std::string& name);

  // Start creating the stack of REQUEST and return its id.
  std::string create_stack(const StackRequest& request);

  // Start updating the stack of REQUEST; return false when there is
  // nothing to update.
  bool update_stack(const StackRequest& request);

  // Start deleting the stack NAME.
  void delete_stack(const std::string& name);

  // Return the template of the stack NAME as it was submitted.
  std::string get_template(const std::string& name);

  // Return every event of the stack NAME, newest first.
  std::vector<StackEvent> stack_events(const std::string& name);

  // Poll the stack NAME until it is no longer *_IN_PROGRESS and return it
  // (DELETE_COMPLETE once a deletion is over; pass the stack id to wait
  // for a deletion that may be over already, as a deleted stack's name
  // finds nothing). Throw slam::Error when the stack does not exist or is
  // still changing after WAIT.timeout.
  Stack wait_for_stack(const std::string& name, const StackWait& wait = {});

private:
  // Return the stack NAME in any state, DELETE_COMPLETE included.
  std::optional<Stack> describe_any(const std::string& name);

  // Return the events of NAME from SINCE on, newest first.
  std::vector<StackEvent> events_since(const std::string& name,
                                       Timestamp since);

  // Pass the events of STACK_ID since WAIT.since that are not in SEEN to
  // WAIT.on_event, oldest first, and add them to SEEN.
  void report_new_events(const std::string& stack_id,
                         const StackWait& wait,
                         std::set<std::string>& seen);

  Session& m_session;
};

} // namespace slam::aws
