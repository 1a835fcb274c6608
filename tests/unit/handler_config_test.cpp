#include "slam/config/config.hpp"
#include "slam/package/handler_config.hpp"

#include <gtest/gtest.h>

using nlohmann::json;
using slam::package::handler_config;
using slam::package::handler_config_file;

namespace {

slam::config::Config sample_config()
{
  slam::config::Config config;
  config.name = "shop-api";
  config.module = "shop.app";
  config.app = "create_app()";
  config.interface = slam::config::Interface::wsgi;
  config.devstage = "dev";
  config.environment = {{"LOG_LEVEL", "info"}, {"REGION_NAME", "eu"}};
  config.stages = {{"dev", {{"DEBUG", "1"}}},
                   {"prod", {{"DEBUG", "0"}, {"QUOTE", "it's \"x\""}}}};
  return config;
}

} // namespace

TEST(HandlerConfig, holds_what_the_handler_reads)
{
  json expected = {
      {"version", 1},
      {"name", "shop-api"},
      {"module", "shop.app"},
      {"app", "create_app()"},
      {"interface", "wsgi"},
      {"devstage", "dev"},
      {"environment", {{"LOG_LEVEL", "info"}, {"REGION_NAME", "eu"}}},
      {"stages",
       {{"dev", {{"DEBUG", "1"}}},
        {"prod", {{"DEBUG", "0"}, {"QUOTE", "it's \"x\""}}}}},
  };
  EXPECT_EQ(handler_config(sample_config()), expected);
}

TEST(HandlerConfig, stages_without_variables_are_empty_objects)
{
  auto config = sample_config();
  config.interface = slam::config::Interface::detect;
  config.environment.clear();
  config.stages = {{"dev", {}}};

  auto result = handler_config(config);

  EXPECT_EQ(result["interface"], "detect");
  EXPECT_EQ(result["environment"], json::object());
  EXPECT_EQ(result["stages"], (json{{"dev", json::object()}}));
}

TEST(HandlerConfig, variable_set_twice_keeps_the_last_value)
{
  auto config = sample_config();
  config.environment = {{"A", "1"}, {"A", "2"}};

  EXPECT_EQ(handler_config(config)["environment"], (json{{"A", "2"}}));
}

// Sorted keys, two-space indent, escaped non-ASCII, final newline.
TEST(HandlerConfig, file_is_stable_pretty_json)
{
  json config = {{"name", "caf\xc3\xa9"}, {"app", "app"}, {"version", 1}};

  EXPECT_EQ(handler_config_file(config),
            "{\n"
            "  \"app\": \"app\",\n"
            "  \"name\": \"caf\\u00e9\",\n"
            "  \"version\": 1\n"
            "}\n");
}
