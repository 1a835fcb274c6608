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
  status.stages = {{"dev", "$LATEST", "https://x/dev/", {}},
                   {"prod", "3", "https://x/prod/", {}}};
  return status;
}

deploy::DeploymentStatus deployed_status()
{
  deploy::DeploymentStatus status;
  status.name = "shop";
  status.deployed = true;
  status.stack_status = "UPDATE_COMPLETE";
  status.stack_state = "complete";
  status.function_arn = "arn:aws:lambda:us-east-1:123456789012:function:shop";
  status.bucket = "shop-slam-packages";
  status.package_key = "shop/abc.zip";
  status.stages = {{"dev",
                    "$LATEST",
                    "https://h.execute-api.us-east-1.amazonaws.com/dev/",
                    {{"tables", "dev.users"}}},
                   {"prod-eu",
                    "3",
                    "https://h.execute-api.us-east-1.amazonaws.com/prod-eu/",
                    {{"tables", "prod-eu.users"},
                     {"schedules", "nightly cron(0 3 * * ? *)"}}}};
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

// Each stage shows its version and URL, and below them what plugins
// report about it.
TEST(Status, render_shows_plugin_details_under_each_stage)
{
  EXPECT_EQ(deploy::render_status(deployed_status()),
            "shop is deployed (stack UPDATE_COMPLETE)\n"
            "  function: arn:aws:lambda:us-east-1:123456789012:function:shop\n"
            "  bucket:   shop-slam-packages\n"
            "  package:  shop/abc.zip\n"
            "  stages:\n"
            "    dev      $LATEST   "
            "https://h.execute-api.us-east-1.amazonaws.com/dev/\n"
            "      tables: dev.users\n"
            "    prod-eu  3         "
            "https://h.execute-api.us-east-1.amazonaws.com/prod-eu/\n"
            "      tables: prod-eu.users\n"
            "      schedules: nightly cron(0 3 * * ? *)\n");
}

// A stage without a URL (a function only) ends its line after the
// version, without padding.
TEST(Status, render_of_stages_without_url_has_no_trailing_spaces)
{
  auto status = deployed_status();
  for (auto& stage : status.stages) {
    stage.url.clear();
    stage.details.clear();
  }
  auto text = deploy::render_status(status);
  EXPECT_NE(text.find("    dev      $LATEST\n    prod-eu  3\n"),
            std::string::npos)
      << text;
}

// --json gives each plugin line as a key of its stage.
TEST(Status, json_has_plugin_details_as_stage_keys)
{
  EXPECT_EQ(deploy::status_json(deployed_status()),
            nlohmann::json::parse(R"json({
    "name": "shop",
    "deployed": true,
    "stack_status": "UPDATE_COMPLETE",
    "stack_status_reason": "",
    "stack_state": "complete",
    "failure": null,
    "function_arn": "arn:aws:lambda:us-east-1:123456789012:function:shop",
    "bucket": "shop-slam-packages",
    "package_key": "shop/abc.zip",
    "stages": [
      {"name": "dev", "version": "$LATEST",
       "url": "https://h.execute-api.us-east-1.amazonaws.com/dev/",
       "tables": "dev.users"},
      {"name": "prod-eu", "version": "3",
       "url": "https://h.execute-api.us-east-1.amazonaws.com/prod-eu/",
       "tables": "prod-eu.users",
       "schedules": "nightly cron(0 3 * * ? *)"}
    ]
  })json"));
}

// A failed first deploy leaves a stack that holds nothing: not deployed,
// in the text as in the JSON, which still shows the stack's state.
TEST(Status, failed_first_deploy_is_not_deployed)
{
  auto status = rolled_back();
  status.deployed = false;
  status.stack_status = "ROLLBACK_COMPLETE";
  status.stack_state = "failed";
  status.failure->status = "CREATE_FAILED";
  status.function_arn.clear();
  status.stages.clear();
  EXPECT_EQ(deploy::render_status(status),
            "app is not deployed (stack ROLLBACK_COMPLETE)\n"
            "  failed:   Function (AWS::Lambda::Function) CREATE_FAILED: "
            "bad zip\n"
            "  next:     the stack holds nothing; 'slam deploy' deletes it "
            "and creates it again\n"
            "  function: \n"
            "  bucket:   b\n"
            "  package:  k.zip\n"
            "  stages:\n");
  auto json = deploy::status_json(status);
  EXPECT_EQ(json["deployed"], false);
  EXPECT_EQ(json["stack_status"], "ROLLBACK_COMPLETE");
  EXPECT_EQ(json["stack_state"], "failed");
  EXPECT_EQ(json["failure"]["status"], "CREATE_FAILED");
}
