#include "cfn_test_configs.hpp"
#include "slam/cfn/parameters.hpp"
#include "slam/util/hash.hpp"

#include <gtest/gtest.h>

using namespace slam;
using namespace slam::cfn::testing;

// The parameter is the stage's id plus "Version".
TEST(Parameters, version_parameter_names_the_stage)
{
  EXPECT_EQ(cfn::version_parameter("prod"), "ProdVersion");
  EXPECT_EQ(cfn::version_parameter("my-stage"), "MyStageVersion");
}

// Only the config knows when a stage's id had to be made unique.
TEST(Parameters, version_parameter_with_config_knows_colliding_stages)
{
  auto config = config_with_stages({"my-stage", "my_stage"});

  EXPECT_EQ(cfn::version_parameter(config, "my-stage"), "MyStageVersion");
  EXPECT_EQ(cfn::version_parameter(config, "my_stage"),
            "MyStage" + util::sha256_hex("my_stage").substr(0, 8) + "Version");
}
