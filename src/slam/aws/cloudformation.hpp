#pragma once

#include "slam/aws/change_set.hpp"
#include "slam/aws/stack.hpp"
#include "slam/util/error.hpp"

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
  std::chrono::milliseconds poll_interval{2'000};
  std::chrono::seconds timeout{3'600};
  // Called with each new event in the order they happened, when set.
  std::function<void(const StackEvent&)> on_event;
  // Events before this time are old news and not reported; set it a
  // little before the call that starts the change, as clocks differ.
  Timestamp since = std::chrono::system_clock::now();
  // The id of the newest event before the change, when known: it and
  // everything older are old news, whatever the clocks say.
  std::string after_event;
};

// A wait that gave up while the stack (or change set) was still changing;
// the change goes on in AWS.
class WaitTimeout : public Error
{
public:
  WaitTimeout(const std::string& message, std::string status)
      : Error(message), m_status(std::move(status))
  {
  }

  // Return the status the stack or change set was last seen in.
  const std::string& status() const { return m_status; }

private:
  std::string m_status;
};

// The CloudFormation API (query protocol).
// The version of the CloudFormation API that Slam speaks.
inline constexpr std::string_view k_cloudformation_version = "2010-05-15";

class CloudFormation
{
public:
  explicit CloudFormation(Session& session) : m_session(session) {}

  // Return the stack NAME (a name or id), or nothing when it does not
  // exist or is DELETE_COMPLETE.
  std::optional<Stack> describe_stack(const std::string& name);

  // Start creating the stack of REQUEST and return its id. An attempt
  // whose answer was lost may have created it: then a later attempt's
  // "already exists" finds the stack the request asked for, and that is
  // success.
  std::string create_stack(const StackRequest& request);

  // Start updating the stack of REQUEST; return false when there is
  // nothing to update. An update that an attempt whose answer was lost
  // started is success too.
  bool update_stack(const StackRequest& request);

  // Start deleting the stack NAME (deleting it again is no error).
  void delete_stack(const std::string& name);

  // Return the template of the stack NAME as it was submitted.
  std::string get_template(const std::string& name);

  // Return every event of the stack NAME, newest first.
  std::vector<StackEvent> stack_events(const std::string& name);

  // Return the newest event of the stack NAME, if it has any.
  std::optional<StackEvent> latest_event(const std::string& name);

  // Poll the stack NAME until it is no longer *_IN_PROGRESS and return it
  // (DELETE_COMPLETE once a deletion is over; pass the stack id to wait
  // for a deletion that may be over already, as a deleted stack's name
  // finds nothing). Throw slam::Error when the stack does not exist,
  // WaitTimeout when it is still changing after WAIT.timeout, and
  // slam::Interrupted when SIGINT or SIGTERM arrives.
  Stack wait_for_stack(const std::string& name, const StackWait& wait = {});

  // Start creating the change set of REQUEST and return its ids; nothing
  // when CloudFormation says at once that there is nothing to change. One
  // that an attempt whose answer was lost created is taken up.
  std::optional<ChangeSetIds>
  create_change_set(const ChangeSetRequest& request);

  // Return the change set ID (an ARN) with all its changes.
  ChangeSet describe_change_set(const std::string& id);

  // Delete the change set ID (an ARN); one already gone after an attempt
  // whose answer was lost is no error.
  void delete_change_set(const std::string& id);

  // Return the change sets of the stack STACK_ID (all pages).
  std::vector<ChangeSetSummary> list_change_sets(const std::string& stack_id);

  // Poll the change set ID until CloudFormation has worked out its changes
  // (or failed to) and return it. Throw WaitTimeout after WAIT.timeout and
  // slam::Interrupted when SIGINT or SIGTERM arrives.
  ChangeSet wait_for_change_set(const std::string& id,
                                const StackWait& wait = {});

private:
  // Return the stack REQUEST names when it shows that REQUEST took effect
  // at or after SINCE (by AWS's clock): its parameters and tags are those
  // asked for, and it was created (CREATED) or updated then.
  std::optional<Stack>
  stack_made_by(const StackRequest& request, Timestamp since, bool created);

  // Return the ids of the change set NAME of the stack STACK_NAME.
  ChangeSetIds change_set_ids(const std::string& stack_name,
                              const std::string& name);

  // Return the stack NAME in any state, DELETE_COMPLETE included.
  std::optional<Stack> describe_any(const std::string& name);

  // Return the events of NAME from SINCE on and newer than the event
  // AFTER_EVENT (when not empty), newest first.
  std::vector<StackEvent> events_since(const std::string& name,
                                       Timestamp since,
                                       const std::string& after_event = {});

  // Return the stack NAME for a wait that last saw LAST: as described
  // now, or LAST again when the poll is throttled even after the retries.
  std::optional<Stack> poll_stack(const std::string& name,
                                  const std::optional<Stack>& last);

  // Pass the events of STACK_ID since WAIT.since that are not in SEEN to
  // WAIT.on_event, oldest first, and add them to SEEN.
  void report_new_events(const std::string& stack_id,
                         const StackWait& wait,
                         std::set<std::string>& seen);

  Session& m_session;
};

} // namespace slam::aws
