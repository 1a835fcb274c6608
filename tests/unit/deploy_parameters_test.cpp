#include "cfn_test_configs.hpp"
#include "slam/deploy/parameters.hpp"

#include <gtest/gtest.h>

using namespace slam;
using deploy::Parameters;

namespace {

aws::Stack stack_with(std::map<std::string, std::string> parameters)
{
  aws::Stack stack;
  stack.name = "myapp";
  stack.parameters = std::move(parameters);
  return stack;
}

} // namespace

// A deploy points its stage at $LATEST and keeps the others' versions.
TEST(DeployParameters, deploy_keeps_other_stages_versions)
{
  auto config = cfn::testing::config_with_stages({"dev", "prod", "qa-eu"});
  auto existing = stack_with({{"LambdaS3Bucket", "old"},
                              {"LambdaS3Key", "old.zip"},
                              {"DevVersion", "4"},
                              {"ProdVersion", "3"}});

  EXPECT_EQ(deploy::stack_parameters(config, existing, "dev", "b", "k.zip"),
            (Parameters{{"LambdaS3Bucket", "b"},
                        {"LambdaS3Key", "k.zip"},
                        {"DevVersion", "$LATEST"},
                        {"ProdVersion", "3"},
                        {"QaEuVersion", "$LATEST"}}));
}

// A stage's version is read from its parameter, dashes and all.
TEST(DeployParameters, stage_version_reads_the_stage_parameter)
{
  auto config = cfn::testing::config_with_stages({"dev", "prod-eu", "new"});
  auto stack = stack_with({{"DevVersion", "$LATEST"}, {"ProdEuVersion", "5"}});

  EXPECT_EQ(deploy::stage_version(config, stack, "dev"), "$LATEST");
  EXPECT_EQ(deploy::stage_version(config, stack, "prod-eu"), "5");
  EXPECT_EQ(deploy::stage_version(config, stack, "new"), std::nullopt);
}

// An update of one parameter passes all the others at their values.
TEST(DeployParameters, parameters_with_changes_only_the_named_one)
{
  auto stack = stack_with({{"LambdaS3Bucket", "b"},
                           {"LambdaS3Key", "k.zip"},
                           {"DevVersion", "$LATEST"},
                           {"ProdVersion", "2"}});

  EXPECT_EQ(deploy::parameters_with(stack, "ProdVersion", "3"),
            (Parameters{{"DevVersion", "$LATEST"},
                        {"LambdaS3Bucket", "b"},
                        {"LambdaS3Key", "k.zip"},
                        {"ProdVersion", "3"}}));
}
