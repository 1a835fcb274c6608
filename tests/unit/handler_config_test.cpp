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
      {"http",
       {{"base_path", ""},
        {"text_types", json::array()},
        {"binary_types", json::array()}}},
  };
  EXPECT_EQ(handler_config(sample_config()), expected);
}

// The wsgi keys the adapter reads, as slam.yaml gave them (normalised).
TEST(HandlerConfig, http_holds_the_adapter_settings)
{
  auto config = sample_config();
  config.wsgi.base_path = "users/v1";
  config.wsgi.text_types = {"application/vnd.acme", "application/*+cbor"};
  config.wsgi.binary_types = {"application/pdf"};

  EXPECT_EQ(handler_config(config)["http"],
            (json{{"base_path", "users/v1"},
                  {"text_types",
                   json::array({"application/vnd.acme", "application/*+cbor"})},
                  {"binary_types", json::array({"application/pdf"})}}));
}

// Without a wsgi section (a plain function) the object is still there.
TEST(HandlerConfig, http_is_written_with_defaults_without_wsgi)
{
  auto config = sample_config();
  config.interface = slam::config::Interface::function;

  auto file = handler_config_file(handler_config(config));

  EXPECT_NE(file.find("  \"http\": {\n"
                      "    \"base_path\": \"\",\n"
                      "    \"binary_types\": [],\n"
                      "    \"text_types\": []\n"
                      "  },\n"),
            std::string::npos)
      << file;
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
