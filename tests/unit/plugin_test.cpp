#include "cfn_test_configs.hpp"
#include "slam/cfn/plugin.hpp"
#include "slam/config/init_file.hpp"
#include "slam/config/load.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam;
using namespace slam::cfn::testing;

namespace {

const cfn::Plugin& plugin_named(std::string_view name)
{
  for (const auto& plugin : cfn::builtin_plugins()) {
    if (plugin->name() == name) {
      return *plugin;
    }
  }
  throw Error("no plugin " + std::string(name));
}

} // namespace

// The built-in plugins extend the template in a fixed order: the front
// doors, then tables, then schedules.
TEST(Plugin, builtin_plugins_are_in_template_order)
{
  std::vector<std::string> names;
  for (const auto& plugin : cfn::builtin_plugins()) {
    names.emplace_back(plugin->name());
  }

  EXPECT_EQ(
      names,
      (std::vector<std::string>{
          "wsgi", "http_api", "function_url", "dynamodb_tables", "schedules"}));
}

// A plugin is on when its part of slam.yaml is; wsgi.api picks one front
// door.
TEST(Plugin, plugins_are_enabled_by_their_sections)
{
  auto config = default_config();
  auto enabled = [&] {
    std::vector<std::string> names;
    for (const auto& plugin : cfn::builtin_plugins()) {
      if (plugin->enabled(config)) {
        names.emplace_back(plugin->name());
      }
    }
    return names;
  };

  EXPECT_EQ(enabled(), std::vector<std::string>{});
  config.wsgi.enabled = true;
  config.dynamodb_tables = {users_table()};
  config.schedules = {schedule("nightly", "rate(1 day)", {"dev"})};
  EXPECT_EQ(enabled(),
            (std::vector<std::string>{"wsgi", "dynamodb_tables", "schedules"}));
  config.wsgi.api = config::Api::http;
  EXPECT_EQ(
      enabled(),
      (std::vector<std::string>{"http_api", "dynamodb_tables", "schedules"}));
  config.wsgi.api = config::Api::url;
  EXPECT_EQ(enabled(),
            (std::vector<std::string>{
                "function_url", "dynamodb_tables", "schedules"}));
}

// status gets the lines of every enabled plugin, in plugin order.
TEST(Plugin, status_lines_come_from_enabled_plugins_in_order)
{
  auto config = config_with_stages({"dev", "prod"});
  config.wsgi.enabled = true;
  config.wsgi.api = config::Api::http;
  config.dynamodb_tables = {users_table()};
  config.schedules = {schedule("nightly", "rate(1 day)", {"prod"})};
  cfn::StackOutputs outputs = {{"ProdHttpApiEndpoint", "https://h/prod/"},
                               {"ProdEndpoint", "https://rest/prod/"}};

  EXPECT_EQ(
      cfn::status_lines(config, "prod", outputs),
      (std::vector<cfn::StatusLine>{{"url", "https://h/prod/"},
                                    {"tables", "prod.users"},
                                    {"schedules", "nightly rate(1 day)"}}));
  EXPECT_EQ(cfn::status_lines(config, "dev", outputs),
            (std::vector<cfn::StatusLine>{{"tables", "dev.users"}}));
}

// init asks every plugin for its section, in plugin order; the result
// loads back with what was asked for.
TEST(Plugin, init_sections_follow_the_choices)
{
  config::InitOptions options;
  options.module = "app";
  options.app = "app";
  options.name = "shop";
  options.stages = {"dev", "prod-eu"};

  auto sections = cfn::render_init_sections(
      {{"api", "http"}, {"dynamodb-tables", "users"}});
  auto config = config::parse_config(
      config::render_init_file(options) + sections, "slam.yaml", "/p");

  EXPECT_LT(sections.find("\nwsgi:"), sections.find("\ndynamodb_tables:"));
  EXPECT_LT(sections.find("\ndynamodb_tables:"),
            sections.find("\n# schedules:"));
  EXPECT_EQ(config.wsgi.api, config::Api::http);
  ASSERT_EQ(config.dynamodb_tables.size(), 1U);
  EXPECT_EQ(config.dynamodb_tables[0].name, "users");
  EXPECT_TRUE(config.schedules.empty());
  EXPECT_EQ(plugin_named("schedules").init_section({}),
            sections.substr(sections.find("\n# schedules plugin")));
}

// Two names that make the same logical id are refused, not merged.
TEST(Plugin, add_unique_refuses_a_taken_id)
{
  cfn::Json resources = {{"ProdNightlySchedule", {{"Type", "A"}}}};

  cfn::add_unique(resources, "Other", {{"Type", "B"}});
  EXPECT_EQ(resources,
            (cfn::Json{{"ProdNightlySchedule", {{"Type", "A"}}},
                       {"Other", {{"Type", "B"}}}}));
  try {
    cfn::add_unique(resources, "ProdNightlySchedule", {{"Type", "C"}});
    FAIL() << "no error for a taken id";
  } catch (const UsageError& error) {
    EXPECT_STREQ(error.what(),
                 "two parts of the template need the logical id "
                 "'ProdNightlySchedule'; rename the stage, table or schedule "
                 "that makes it");
  }
}
