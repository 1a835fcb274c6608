#include "cfn_test_configs.hpp"
#include "slam/deploy/log_sources.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::deploy;
using slam::cfn::testing::config_with_stages;

namespace {

const LogSource k_latest{"/aws/lambda/myapp", "lambda", "$LATEST"};
const LogSource k_api{"API-Gateway-Execution-Logs_abc123/dev", "api", ""};

slam::aws::Stack deployed_stack()
{
  slam::aws::Stack stack;
  stack.name = "myapp";
  stack.parameters = {{"LambdaS3Bucket", "bucket"},
                      {"LambdaS3Key", "key"},
                      {"DevVersion", "$LATEST"},
                      {"MyProdVersion", "3"}};
  stack.outputs = {{"ApiId", "abc123"}};
  return stack;
}

slam::config::Config wsgi_config()
{
  auto config = config_with_stages({"dev", "my-prod"});
  config.wsgi.enabled = true;
  return config;
}

} // namespace

// The version is what Lambda puts in brackets after the date.
TEST(LogSources, stream_version_is_the_bracketed_part)
{
  EXPECT_EQ(stream_version("2024/01/31/[$LATEST]0123456789abcdef"), "$LATEST");
  EXPECT_EQ(stream_version("2024/01/31/[12]0123456789abcdef"), "12");
  EXPECT_EQ(stream_version("0123456789abcdef"), std::nullopt);
  EXPECT_EQ(stream_version("2024/01/31/[3"), std::nullopt);
}

// Only streams of the source's version are kept; "1" is not "12".
TEST(LogSources, lambda_streams_of_other_versions_are_dropped)
{
  LogSource version_1{"/aws/lambda/myapp", "lambda", "1"};
  EXPECT_TRUE(keeps_stream(version_1, "2024/01/31/[1]abc"));
  EXPECT_FALSE(keeps_stream(version_1, "2024/01/31/[12]abc"));
  EXPECT_FALSE(keeps_stream(version_1, "2024/01/31/[$LATEST]abc"));
  EXPECT_FALSE(keeps_stream(version_1, "abc"));
  EXPECT_TRUE(keeps_stream(k_latest, "2024/02/01/[$LATEST]abc"));
}

// A source without a version keeps every stream.
TEST(LogSources, api_source_keeps_every_stream)
{
  EXPECT_TRUE(keeps_stream(k_api, "8f14e45fceea167a5a36dedd4bea2543"));
  EXPECT_TRUE(keeps_stream(k_api, "2024/01/31/[1]abc"));
}

// Labels are the kind and the start of the stream's id.
TEST(LogSources, labels_are_kind_and_short_stream_id)
{
  EXPECT_EQ(stream_label(k_latest, "2024/01/31/[$LATEST]0123456789abcdef"),
            "lambda/01234567");
  EXPECT_EQ(stream_label(k_api, "8f14e45fceea167a5a36dedd4bea2543"),
            "api/8f14e45f");
  EXPECT_EQ(stream_label(k_api, "some/path/abc"), "api/abc");
}

// A stage gets its function's group at its version and its API stage's
// execution logs.
TEST(LogSources, sources_of_a_stage_with_an_api)
{
  auto stack = deployed_stack();
  EXPECT_EQ(log_sources(wsgi_config(), "my-prod", stack),
            (std::vector<LogSource>{
                {"/aws/lambda/myapp", "lambda", "3"},
                {"API-Gateway-Execution-Logs_abc123/my-prod", "api", ""}}));
  EXPECT_EQ(log_sources(wsgi_config(), "dev", stack),
            (std::vector<LogSource>{k_latest, k_api}));
}

// A plain function has only its own log group.
TEST(LogSources, plain_function_has_only_the_lambda_group)
{
  auto config = config_with_stages({"dev", "my-prod"});
  EXPECT_EQ(log_sources(config, "dev", deployed_stack()),
            std::vector<LogSource>{k_latest});
  config.wsgi.enabled = true;
  config.wsgi.deploy_api_gateway = false;
  EXPECT_EQ(log_sources(config, "dev", deployed_stack()),
            std::vector<LogSource>{k_latest});
}

// Without the ApiId output the API group cannot be named; the function's
// logs are still shown.
TEST(LogSources, missing_api_id_output_leaves_the_api_out)
{
  auto stack = deployed_stack();
  stack.outputs.clear();
  EXPECT_EQ(log_sources(wsgi_config(), "dev", stack),
            std::vector<LogSource>{k_latest});
}

// A stage added to slam.yaml but never deployed has no version yet.
TEST(LogSources, stage_without_version_is_an_error)
{
  auto stack = deployed_stack();
  stack.parameters.erase("MyProdVersion");
  std::string message = "no error";
  try {
    log_sources(wsgi_config(), "my-prod", stack);
  } catch (const slam::Error& error) {
    message = error.what();
  }
  EXPECT_EQ(message,
            "stage 'my-prod' is not deployed; run 'slam deploy --stage "
            "my-prod' first");
}
