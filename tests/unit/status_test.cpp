#include "slam/deploy/status.hpp"

#include <gtest/gtest.h>

using namespace slam;

namespace {

deploy::DeploymentStatus deployed_status()
{
  deploy::DeploymentStatus status;
  status.name = "shop";
  status.deployed = true;
  status.stack_status = "UPDATE_COMPLETE";
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

// --json gives each plugin line as a key of its stage.
TEST(Status, json_has_plugin_details_as_stage_keys)
{
  EXPECT_EQ(deploy::status_json(deployed_status()),
            nlohmann::json::parse(R"json({
    "name": "shop",
    "deployed": true,
    "stack_status": "UPDATE_COMPLETE",
    "stack_status_reason": "",
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
