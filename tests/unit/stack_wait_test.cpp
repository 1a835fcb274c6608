#include "slam/deploy/stack_wait.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam;

namespace {

aws::Stack stack_in(const std::string& status)
{
  aws::Stack stack;
  stack.name = "app";
  stack.status = status;
  return stack;
}

std::string refusal(const std::string& status)
{
  try {
    deploy::check_updatable(stack_in(status));
  } catch (const Error& error) {
    return error.what();
  }
  return "";
}

} // namespace

// CloudFormation updates a stack only from a complete state other than
// ROLLBACK_COMPLETE.
TEST(StackWait, updatable_states)
{
  for (const auto* status : {"CREATE_COMPLETE",
                             "UPDATE_COMPLETE",
                             "UPDATE_ROLLBACK_COMPLETE",
                             "IMPORT_COMPLETE",
                             "IMPORT_ROLLBACK_COMPLETE"}) {
    EXPECT_TRUE(deploy::is_updatable(status)) << status;
    EXPECT_EQ(refusal(status), "") << status;
  }
  for (const auto* status : {"ROLLBACK_COMPLETE",
                             "ROLLBACK_FAILED",
                             "DELETE_FAILED",
                             "UPDATE_ROLLBACK_FAILED",
                             "IMPORT_ROLLBACK_FAILED",
                             "CREATE_FAILED",
                             "UPDATE_IN_PROGRESS",
                             "REVIEW_IN_PROGRESS"}) {
    EXPECT_FALSE(deploy::is_updatable(status)) << status;
  }
}

TEST(StackWait, check_updatable_says_what_to_do)
{
  EXPECT_EQ(refusal("ROLLBACK_COMPLETE"),
            "stack 'app' is ROLLBACK_COMPLETE (a first deploy failed) and "
            "holds nothing; run 'slam deploy' to create it again");
  EXPECT_EQ(refusal("REVIEW_IN_PROGRESS"),
            "stack 'app' is REVIEW_IN_PROGRESS (left by a change set that was "
            "never carried out) and holds nothing; run 'slam deploy' to "
            "create it again");
  EXPECT_EQ(refusal("UPDATE_IN_PROGRESS"),
            "stack 'app' is busy (UPDATE_IN_PROGRESS); wait for that "
            "operation to finish ('slam status' shows it), then try again");
  EXPECT_EQ(refusal("UPDATE_ROLLBACK_FAILED"),
            "stack 'app' is UPDATE_ROLLBACK_FAILED; continue the rollback in "
            "the CloudFormation console, then deploy again");
  EXPECT_EQ(refusal("DELETE_FAILED"),
            "stack 'app' is DELETE_FAILED and cannot be updated; run 'slam "
            "delete', then deploy again");
}
