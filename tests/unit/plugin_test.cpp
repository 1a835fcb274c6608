#include "cfn_test_configs.hpp"
#include "slam/cfn/plugin.hpp"

#include <gtest/gtest.h>

using namespace slam;
using namespace slam::cfn::testing;

// The built-in plugins extend the template in a fixed order.
TEST(Plugin, builtin_plugins_are_wsgi_then_dynamodb_tables)
{
  std::vector<std::string> names;
  for (const auto& plugin : cfn::builtin_plugins()) {
    names.emplace_back(plugin->name());
  }

  EXPECT_EQ(names, (std::vector<std::string>{"wsgi", "dynamodb_tables"}));
}

// A plugin is on when its slam.yaml section is.
TEST(Plugin, plugins_are_enabled_by_their_sections)
{
  auto config = default_config();
  const auto& wsgi = *cfn::builtin_plugins()[0];
  const auto& tables = *cfn::builtin_plugins()[1];

  EXPECT_FALSE(wsgi.enabled(config));
  EXPECT_FALSE(tables.enabled(config));
  config.wsgi.enabled = true;
  config.dynamodb_tables = {users_table()};
  EXPECT_TRUE(wsgi.enabled(config));
  EXPECT_TRUE(tables.enabled(config));
}
