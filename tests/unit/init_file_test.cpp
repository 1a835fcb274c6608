#include "slam/config/init_file.hpp"
#include "slam/config/load.hpp"

#include <gtest/gtest.h>

using slam::config::InitOptions;

// What init writes loads back with the same values.
TEST(InitFile, rendered_file_loads_back)
{
  InitOptions options;
  options.module = "web.main";
  options.app = "application";
  options.name = "shop";
  options.description = "It's \"quoted\"\\ and\ttabbed";
  options.bucket = "my-bucket";
  options.timeout = 30;
  options.memory = 512;
  options.stages = {"dev", "prod-eu", "qa_1"};
  auto config = slam::config::parse_config(
      slam::config::render_init_file(options), "slam.yaml", "/p");
  EXPECT_EQ(config.name, "shop");
  EXPECT_EQ(config.description, options.description);
  EXPECT_EQ(config.module, "web.main");
  EXPECT_EQ(config.app, "application");
  EXPECT_EQ(config.aws.s3_bucket, "my-bucket");
  EXPECT_EQ(config.aws.lambda_timeout, 30);
  EXPECT_EQ(config.aws.lambda_memory, 512);
  EXPECT_EQ(config.devstage, "dev");
  EXPECT_EQ(config.stage_names(), options.stages);
  EXPECT_FALSE(config.wsgi.enabled);
  EXPECT_TRUE(config.plugins.empty());
}

// The core file has no plugin sections (the plugins write their own) and
// only mentions external plugins in a comment.
TEST(InitFile, core_file_has_no_plugin_sections)
{
  InitOptions options;
  options.module = "app";
  options.app = "app";
  options.name = "fn";
  auto text = slam::config::render_init_file(options);
  EXPECT_EQ(text.find("\nwsgi:"), std::string::npos);
  EXPECT_EQ(text.find("\ndynamodb_tables:"), std::string::npos);
  EXPECT_EQ(text.find("\nplugins:"), std::string::npos);
  EXPECT_NE(text.find("\n# plugins: [\"sns\"]\n"), std::string::npos);
  auto config = slam::config::parse_config(text, "slam.yaml", "/p");
  EXPECT_FALSE(config.wsgi.enabled);
}

// Quoting escapes what YAML would misread.
TEST(InitFile, yaml_quote_escapes)
{
  EXPECT_EQ(slam::config::yaml_quote("a\"b\\c\nd\x01"),
            "\"a\\\"b\\\\c\\nd\\x01\"");
}
