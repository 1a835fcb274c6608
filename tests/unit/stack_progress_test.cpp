#include "slam/deploy/stack_progress.hpp"

#include <gtest/gtest.h>

using namespace slam;
using namespace std::chrono_literals;
using deploy::StackOperation;

namespace {

const aws::Timestamp k_start =
    std::chrono::sys_days{std::chrono::year_month_day{
        std::chrono::year{2026}, std::chrono::month{12}, std::chrono::day{4}}};

aws::StackEvent event(const std::string& logical_id,
                      const std::string& type,
                      const std::string& status,
                      const std::string& reason = "",
                      std::chrono::seconds at = 0s)
{
  aws::StackEvent result;
  result.id = logical_id + "-" + status;
  result.stack_name = "app";
  result.logical_id = logical_id;
  result.resource_type = type;
  result.status = status;
  result.status_reason = reason;
  result.time = k_start + at;
  return result;
}

aws::StackEvent stack_event(const std::string& status,
                            const std::string& reason = "")
{
  return event("app", "AWS::CloudFormation::Stack", status, reason);
}

aws::StackEvent function_event(const std::string& status,
                               const std::string& reason = "")
{
  return event("Function", "AWS::Lambda::Function", status, reason);
}

} // namespace

TEST(StackProgress, elapsed_time_is_seconds_then_minutes)
{
  EXPECT_EQ(deploy::format_elapsed(0s), "0s");
  EXPECT_EQ(deploy::format_elapsed(59s), "59s");
  EXPECT_EQ(deploy::format_elapsed(187s), "3m07s");
  EXPECT_EQ(deploy::format_elapsed(-2s), "0s"); // clocks that disagree
}

// One line per event: time since the first, id, short type, status and
// the reason on one line, in columns.
TEST(StackProgress, event_line_has_aligned_columns)
{
  auto line = deploy::format_event(event("Function",
                                         "AWS::Lambda::Function",
                                         "CREATE_FAILED",
                                         "Could not\nunzip  file",
                                         75s),
                                   k_start,
                                   false);
  EXPECT_EQ(line,
            " 1m15s  Function                 Lambda::Function         "
            "CREATE_FAILED       Could not unzip file");
}

TEST(StackProgress, event_without_reason_ends_at_the_status)
{
  auto line =
      deploy::format_event(stack_event("CREATE_COMPLETE"), k_start + 0s, false);
  EXPECT_EQ(line,
            "    0s  app                      CloudFormation::Stack    "
            "CREATE_COMPLETE");
}

TEST(StackProgress, colour_marks_failures_red)
{
  auto line =
      deploy::format_event(function_event("UPDATE_FAILED"), k_start, true);
  EXPECT_NE(line.find("\033[31mUPDATE_FAILED\033[0m"), std::string::npos);
}

TEST(StackProgress, summary_counts_resources_not_the_stack)
{
  std::vector<aws::StackEvent> events = {
      stack_event("UPDATE_IN_PROGRESS"),
      function_event("UPDATE_COMPLETE"),
      event("Table", "AWS::DynamoDB::Table", "CREATE_COMPLETE"),
      event("Old", "AWS::SQS::Queue", "DELETE_COMPLETE"),
      event("Other", "AWS::SQS::Queue", "CREATE_COMPLETE"),
      stack_event("UPDATE_COMPLETE"),
  };
  EXPECT_EQ(deploy::format_summary(StackOperation::update, 42s, events),
            "stack update complete in 42 s: 2 created, 1 updated, 1 deleted");
  EXPECT_EQ(deploy::format_summary(StackOperation::deletion, 3s, {}),
            "stack deletion complete in 3 s");
}

// A resource cancelled because another failed is not the cause.
TEST(StackProgress, first_failure_skips_cancelled_resources)
{
  std::vector<aws::StackEvent> events = {
      stack_event("CREATE_IN_PROGRESS"),
      event("Logs",
            "AWS::Logs::LogGroup",
            "CREATE_FAILED",
            "Resource creation cancelled"),
      function_event("CREATE_FAILED", "Could not unzip"),
      event("Role", "AWS::IAM::Role", "CREATE_FAILED", "later"),
      stack_event("ROLLBACK_IN_PROGRESS"),
  };
  EXPECT_EQ(deploy::first_failure(events), events[2]);
}

TEST(StackProgress, first_failure_falls_back_to_cancelled_then_stack)
{
  auto cancelled = event("Logs",
                         "AWS::Logs::LogGroup",
                         "CREATE_FAILED",
                         "Resource creation "
                         "cancelled");
  auto stack_failed = stack_event("UPDATE_FAILED", "no permission");
  EXPECT_EQ(deploy::first_failure({stack_failed, cancelled}), cancelled);
  EXPECT_EQ(
      deploy::first_failure({stack_event("UPDATE_IN_PROGRESS"), stack_failed}),
      stack_failed);
  EXPECT_EQ(deploy::first_failure({function_event("UPDATE_COMPLETE")}),
            std::nullopt);
}

// Events come newest first; the latest operation starts at the stack's
// last *_IN_PROGRESS of create, update or delete, and its rollback
// belongs to it.
TEST(StackProgress, latest_operation_starts_at_the_last_start)
{
  std::vector<aws::StackEvent> newest_first = {
      stack_event("UPDATE_ROLLBACK_COMPLETE"),
      function_event("UPDATE_FAILED", "now"),
      stack_event("UPDATE_ROLLBACK_IN_PROGRESS"),
      stack_event("UPDATE_IN_PROGRESS"),
      function_event("CREATE_FAILED", "before"),
      stack_event("CREATE_IN_PROGRESS"),
  };
  std::vector<aws::StackEvent> expected = {
      newest_first[3], newest_first[2], newest_first[1], newest_first[0]};
  EXPECT_EQ(deploy::latest_operation(newest_first), expected);
}

TEST(StackProgress, progress_keeps_events_in_order)
{
  deploy::StackProgress progress;
  progress.add(stack_event("CREATE_IN_PROGRESS"));
  progress.add(function_event("CREATE_COMPLETE"));
  ASSERT_EQ(progress.events().size(), 2U);
  EXPECT_EQ(progress.events()[1].logical_id, "Function");
}
