#include "stage_project.hpp"

#include <gtest/gtest.h>

using Json = nlohmann::json;

namespace {

slam::config::Config load(const std::string& more)
{
  return slam::test::load_stage_project(more);
}

std::string config_error(const std::string& more)
{
  return slam::test::stage_project_error(more);
}

} // namespace

// External plugins are listed by name; their own sections pass unchecked
// and the whole file is kept as JSON for them.
TEST(ReadPlugins, external_plugins_and_their_sections_are_kept)
{
  testing::internal::CaptureStderr();
  auto config = load(R"(plugins: [tags, slack-notify]
tags:
  team: web
slack-notify: {channel: "#ops"}
)");
  auto warnings = testing::internal::GetCapturedStderr();

  EXPECT_EQ(config.plugins, (std::vector<std::string>{"tags", "slack-notify"}));
  EXPECT_EQ(warnings, "");
  EXPECT_EQ(config.document, Json::parse(R"({"name": "shop",
                            "function": {"module": "app", "app": "app"},
                            "stage_environments": {"dev": null,
                                                   "prod-eu": null},
                            "plugins": ["tags", "slack-notify"],
                            "tags": {"team": "web"},
                            "slack-notify": {"channel": "#ops"}})"));
}

// Plugin names become program names: no slashes, no repeats.
TEST(ReadPlugins, plugin_names_are_checked)
{
  EXPECT_EQ(config_error("plugins: [\"../evil\", tags, tags]\n"),
            "slam.yaml:8:10: plugin '../evil' must start with a letter or "
            "digit and contain only letters, digits, '-' and '_' (at most 64 "
            "characters)\n"
            "slam: error: slam.yaml:8:10: plugins names 'tags' twice");
}
