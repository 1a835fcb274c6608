#include "slam/deploy/status.hpp"

#include <gtest/gtest.h>

using namespace slam;

namespace {

deploy::DeploymentStatus rolled_back()
{
  deploy::DeploymentStatus status;
  status.name = "app";
  status.deployed = true;
  status.stack_status = "UPDATE_ROLLBACK_COMPLETE";
  status.stack_state = "rolled_back";
  status.failure = deploy::StackFailure{
      "Function", "AWS::Lambda::Function", "UPDATE_FAILED", "bad zip"};
  status.function_arn = "arn:fn";
  status.bucket = "b";
  status.package_key = "k.zip";
  status.stages = {{"dev", "$LATEST", "https://x/dev/"},
                   {"prod", "3", "https://x/prod/"}};
  return status;
}

} // namespace

TEST(Status, stack_state_groups_every_status)
{
  EXPECT_EQ(deploy::stack_state("CREATE_COMPLETE"), "complete");
  EXPECT_EQ(deploy::stack_state("UPDATE_COMPLETE"), "complete");
  EXPECT_EQ(deploy::stack_state("UPDATE_IN_PROGRESS"), "in_progress");
  EXPECT_EQ(deploy::stack_state("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS"),
            "in_progress");
  EXPECT_EQ(deploy::stack_state("UPDATE_ROLLBACK_COMPLETE"), "rolled_back");
  EXPECT_EQ(deploy::stack_state("ROLLBACK_COMPLETE"), "failed");
  EXPECT_EQ(deploy::stack_state("UPDATE_ROLLBACK_FAILED"), "failed");
  EXPECT_EQ(deploy::stack_state("DELETE_FAILED"), "failed");
}

TEST(Status, text_names_the_failed_resource)
{
  EXPECT_EQ(deploy::render_status(rolled_back()),
            "app is deployed, but its last update failed (stack "
            "UPDATE_ROLLBACK_COMPLETE)\n"
            "  failed:   Function (AWS::Lambda::Function) UPDATE_FAILED: "
            "bad zip\n"
            "  function: arn:fn\n"
            "  bucket:   b\n"
            "  package:  k.zip\n"
            "  stages:\n"
            "    dev   $LATEST   https://x/dev/\n"
            "    prod  3         https://x/prod/\n");
}

TEST(Status, stack_in_progress_says_to_look_again)
{
  auto status = rolled_back();
  status.stack_status = "UPDATE_IN_PROGRESS";
  status.stack_state = "in_progress";
  status.failure.reset();
  status.stages.clear();
  EXPECT_EQ(deploy::render_status(status),
            "app is changing (stack UPDATE_IN_PROGRESS)\n"
            "  next:     an operation is under way; run 'slam status' again "
            "to see how it ends\n"
            "  function: arn:fn\n"
            "  bucket:   b\n"
            "  package:  k.zip\n"
            "  stages:\n");
}

TEST(Status, json_is_one_object_with_the_same_facts)
{
  auto expected = nlohmann::json::parse(R"({
    "name": "app", "deployed": true,
    "stack_status": "UPDATE_ROLLBACK_COMPLETE", "stack_status_reason": "",
    "stack_state": "rolled_back",
    "failure": {"logical_id": "Function",
                "resource_type": "AWS::Lambda::Function",
                "status": "UPDATE_FAILED", "reason": "bad zip"},
    "function_arn": "arn:fn", "bucket": "b", "package_key": "k.zip",
    "stages": [{"name": "dev", "version": "$LATEST", "url": "https://x/dev/"},
               {"name": "prod", "version": "3", "url": "https://x/prod/"}]
  })");
  EXPECT_EQ(deploy::status_json(rolled_back()), expected);
}

TEST(Status, json_of_a_project_not_deployed)
{
  deploy::DeploymentStatus status;
  status.name = "app";
  EXPECT_EQ(deploy::status_json(status),
            nlohmann::json({{"name", "app"}, {"deployed", false}}));
}
