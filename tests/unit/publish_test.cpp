#include "cfn_test_configs.hpp"
#include "slam/deploy/publish.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam;
using deploy::PublishResult;
using deploy::VersionPlan;
using deploy::VersionSource;

namespace {

config::Config three_stages()
{
  auto config = cfn::testing::config_with_stages({"dev", "prod", "qa_eu-1"});
  config.file = "slam.yaml";
  return config;
}

aws::Stack deployed(std::map<std::string, std::string> versions)
{
  aws::Stack stack;
  stack.name = "myapp";
  stack.parameters = {{"LambdaS3Bucket", "b"}, {"LambdaS3Key", "k.zip"}};
  stack.parameters.merge(versions);
  return stack;
}

template <typename Error, typename Call>
std::string error_of(Call call)
{
  try {
    call();
  } catch (const Error& error) {
    return error.what();
  }
  return "no error";
}

} // namespace

// --version names a stage, a number, or (when absent) the devstage.
TEST(ParseVersionSource, stage_number_or_devstage)
{
  auto config = three_stages();

  EXPECT_EQ(deploy::parse_version_source(config, "prod", ""),
            (VersionSource{"dev", ""}));
  EXPECT_EQ(deploy::parse_version_source(config, "prod", "qa_eu-1"),
            (VersionSource{"qa_eu-1", ""}));
  EXPECT_EQ(deploy::parse_version_source(config, "prod", "12"),
            (VersionSource{"", "12"}));
  EXPECT_EQ(deploy::parse_version_source(config, "dev", "1"),
            (VersionSource{"", "1"}));
}

// A stage cannot be its own source, explicitly or through the default.
TEST(ParseVersionSource, publishing_a_stage_into_itself_is_a_usage_error)
{
  auto config = three_stages();
  auto message = [](const std::string& stage) {
    return "cannot publish stage '" + stage +
           "' into itself; give another stage or a version number with "
           "--version";
  };

  EXPECT_EQ(error_of<UsageError>(
                [&] { deploy::parse_version_source(config, "prod", "prod"); }),
            message("prod"));
  EXPECT_EQ(error_of<UsageError>(
                [&] { deploy::parse_version_source(config, "dev", ""); }),
            message("dev"));
}

// Anything else is neither a stage nor a number.
TEST(ParseVersionSource, unknown_stage_is_a_usage_error)
{
  auto config = three_stages();
  auto expected = [](const std::string& stage) {
    return "unknown stage '" + stage +
           "'; the stages in slam.yaml are: dev, prod, qa_eu-1";
  };

  for (std::string bad : {"staging", "$LATEST", "3a", "-1"}) {
    EXPECT_EQ(error_of<UsageError>(
                  [&] { deploy::parse_version_source(config, "prod", bad); }),
              expected(bad))
        << bad;
  }
}

// A stage at $LATEST gets a new version; a numbered one is reused.
TEST(PlanVersion, latest_is_published_and_numbers_are_reused)
{
  auto config = three_stages();
  auto stack = deployed({{"DevVersion", "$LATEST"},
                         {"ProdVersion", "4"},
                         {"QaEu1Version", "$LATEST"}});

  EXPECT_EQ(deploy::plan_version(config, stack, {"dev", ""}),
            (VersionPlan{true, ""}));
  EXPECT_EQ(deploy::plan_version(config, stack, {"qa_eu-1", ""}),
            (VersionPlan{true, ""}));
  EXPECT_EQ(deploy::plan_version(config, stack, {"prod", ""}),
            (VersionPlan{false, "4"}));
  EXPECT_EQ(deploy::plan_version(config, stack, {"", "2"}),
            (VersionPlan{false, "2"}));
}

// A stage added to slam.yaml after the deploy has no version yet.
TEST(PlanVersion, stage_missing_from_the_stack_is_an_error)
{
  auto config = three_stages();
  auto stack = deployed({{"DevVersion", "$LATEST"}, {"ProdVersion", "4"}});

  EXPECT_EQ(error_of<Error>([&] {
              deploy::plan_version(config, stack, {"qa_eu-1", ""});
            }),
            "stage 'qa_eu-1' is not deployed yet; run 'slam deploy' to add it "
            "to the stack first");
}

// The summary says what was published and where each stage now points.
TEST(RenderPublish, says_what_was_done)
{
  EXPECT_EQ(
      deploy::render_publish(PublishResult{"prod", "3", "dev", true, true}),
      "published version 3 from dev; prod now points at version 3");
  EXPECT_EQ(
      deploy::render_publish(PublishResult{"prod", "3", "qa", false, true}),
      "prod now points at version 3 (the version of qa)");
  EXPECT_EQ(deploy::render_publish(PublishResult{"prod", "1", "", false, true}),
            "prod now points at version 1");
  EXPECT_EQ(
      deploy::render_publish(PublishResult{"prod", "1", "", false, false}),
      "prod already points at version 1");
  EXPECT_EQ(
      deploy::render_publish(PublishResult{"prod", "3", "dev", true, false}),
      "published version 3 from dev; prod already points at version 3");
}

// The version number of a PublishVersion answer; an answer without one,
// or with a number where Lambda writes a string, is an error, not the
// internal JSON error it was (found by the aws_json fuzz target).
TEST(PublishedVersion, reads_the_version_string_only)
{
  EXPECT_EQ(deploy::published_version({{"Version", "12"}}), "12");
  for (auto answer : {nlohmann::json::object(),
                      nlohmann::json{{"Version", 12}},
                      nlohmann::json{{"Version", "$LATEST"}},
                      nlohmann::json{{"Version", nullptr}},
                      nlohmann::json::array()}) {
    EXPECT_THROW(deploy::published_version(answer), Error) << answer.dump();
  }
}
