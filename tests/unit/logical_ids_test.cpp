#include "cfn_test_configs.hpp"
#include "slam/cfn/logical_ids.hpp"
#include "slam/util/error.hpp"
#include "slam/util/hash.hpp"

#include <gtest/gtest.h>

using namespace slam;
using namespace slam::cfn::testing;

namespace {

std::string hash_of(const std::string& text)
{
  return util::sha256_hex(text).substr(0, 8);
}

} // namespace

// The first stage keeps the plain stem; a later one with the same stem gets
// a hash of its name, so adding a stage never renames an existing one.
TEST(LogicalIds, later_stage_with_a_taken_stem_gets_a_hash)
{
  cfn::LogicalIds ids(config_with_stages({"my-stage", "prod", "my_stage"}));

  EXPECT_EQ(ids.stage("my-stage"), "MyStage");
  EXPECT_EQ(ids.stage("prod"), "Prod");
  EXPECT_EQ(ids.stage("my_stage"), "MyStage" + hash_of("my_stage"));
}

// Table stems join the stage's stem and the table's.
TEST(LogicalIds, table_stem_joins_stage_and_table)
{
  auto config = config_with_stages({"dev", "prod-eu"});
  auto users = users_table();
  users.name = "user-accounts";
  config.dynamodb_tables = {users};

  cfn::LogicalIds ids(config);

  EXPECT_EQ(ids.table("dev", "user-accounts"), "DevUserAccounts");
  EXPECT_EQ(ids.table("prod-eu", "user-accounts"), "ProdEuUserAccounts");
}

// "a" + "b-c" and "a-b" + "c" would both be "ABC".
TEST(LogicalIds, tables_whose_stems_collide_stay_distinct)
{
  auto config = config_with_stages({"a", "a-b"});
  auto first = users_table();
  first.name = "b-c";
  auto second = users_table();
  second.name = "c";
  config.dynamodb_tables = {first, second};

  cfn::LogicalIds ids(config);

  EXPECT_EQ(ids.table("a", "b-c"), "ABC");
  EXPECT_EQ(ids.table("a", "c"), "AC");
  EXPECT_EQ(ids.table("a-b", "b-c"), "ABBC");
  EXPECT_EQ(ids.table("a-b", "c"), "ABC" + hash_of("a-b\nc"));
}

// A stem never exceeds k_max_stem, so suffixed ids stay valid.
TEST(LogicalIds, long_names_give_stems_within_the_limit)
{
  auto config = config_with_stages({std::string(150, 's')});
  auto table = users_table();
  table.name = std::string(150, 't');
  config.dynamodb_tables = {table};

  cfn::LogicalIds ids(config);

  EXPECT_EQ(ids.stage(config.stages[0].name).size(), 150u);
  EXPECT_EQ(ids.table(config.stages[0].name, table.name).size(),
            cfn::k_max_stem);
}

// Asking for a name the config lacks is a programming error.
TEST(LogicalIds, unknown_stage_or_table_throws)
{
  cfn::LogicalIds ids(default_config());

  EXPECT_THROW(ids.stage("prod"), Error);
  EXPECT_THROW(ids.table("dev", "users"), Error);
}

// A schedule's stem joins its stage's and its own, only for the stages it
// names; colliding ones stay distinct.
TEST(LogicalIds, schedule_stem_joins_stage_and_schedule)
{
  auto config = config_with_stages({"dev", "prod-eu"});
  config.schedules = {schedule("warm-up", "rate(1 hour)", {"dev", "prod-eu"}),
                      schedule("warm_up", "rate(2 hours)", {"dev"})};
  cfn::LogicalIds ids(config);

  EXPECT_EQ(ids.schedule("dev", "warm-up"), "DevWarmUp");
  EXPECT_EQ(ids.schedule("prod-eu", "warm-up"), "ProdEuWarmUp");
  EXPECT_EQ(ids.schedule("dev", "warm_up"),
            "DevWarmUp" + hash_of("dev\nwarm_up"));
  EXPECT_THROW(ids.schedule("prod-eu", "warm_up"), Error);
}
