#include "slam/deploy/plan.hpp"

#include <gtest/gtest.h>

using namespace slam;

namespace {

aws::ResourceChange change(const std::string& action,
                           const std::string& logical_id,
                           const std::string& type,
                           const std::string& replacement = "",
                           std::vector<std::string> properties = {})
{
  return {action, logical_id, "", type, replacement, std::move(properties)};
}

} // namespace

// Additions first, then modifications, then removals, each by name, with
// the replacement and the properties that cause a modification.
TEST(Plan, plan_lists_changes_by_action_with_replacement)
{
  std::vector<aws::ResourceChange> changes = {
      change("Remove", "Queue", "AWS::SQS::Queue"),
      change("Modify",
             "Function",
             "AWS::Lambda::Function",
             "False",
             {"Code", "MemorySize"}),
      change("Add", "Table", "AWS::DynamoDB::Table"),
      change("Modify", "Api", "AWS::ApiGateway::RestApi", "True"),
  };
  EXPECT_EQ(deploy::render_plan("app", false, changes),
            "deploying would change stack 'app':\n"
            "  + add     Table     AWS::DynamoDB::Table\n"
            "  ~ modify  Api       AWS::ApiGateway::RestApi  "
            "replacement: True\n"
            "  ~ modify  Function  AWS::Lambda::Function     "
            "replacement: False; properties: Code, MemorySize\n"
            "  - remove  Queue     AWS::SQS::Queue\n"
            "1 to add, 2 to modify, 1 to remove\n");
}

TEST(Plan, plan_of_a_new_stack_says_create)
{
  EXPECT_EQ(deploy::render_plan(
                "app", true, {change("Add", "Role", "AWS::IAM::Role")}),
            "deploying would create stack 'app':\n"
            "  + add     Role  AWS::IAM::Role\n"
            "1 to add, 0 to modify, 0 to remove\n");
}

// AWS creates an empty change set and fails it with this reason.
TEST(Plan, failed_change_set_without_changes_means_no_changes)
{
  aws::ChangeSet change_set;
  change_set.status = "FAILED";
  change_set.status_reason = "The submitted information didn't contain "
                             "changes. Submit different information to "
                             "create a change set.";
  EXPECT_TRUE(deploy::has_no_changes(change_set));
  change_set.status_reason = "Template error: unresolved resource";
  EXPECT_FALSE(deploy::has_no_changes(change_set));
  change_set.status = "CREATE_COMPLETE";
  change_set.status_reason = "";
  EXPECT_FALSE(deploy::has_no_changes(change_set));
}

TEST(Plan, template_additions_list_every_resource)
{
  auto changes = deploy::template_additions(
      R"({"Resources": {"Role": {"Type": "AWS::IAM::Role"},
                        "Function": {"Type": "AWS::Lambda::Function"}}})");
  std::vector<aws::ResourceChange> expected = {
      change("Add", "Function", "AWS::Lambda::Function"),
      change("Add", "Role", "AWS::IAM::Role"),
  };
  EXPECT_EQ(changes, expected);
}
