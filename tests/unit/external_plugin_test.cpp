#include "cfn_test_configs.hpp"
#include "slam/cfn/external_plugin.hpp"
#include "slam/cfn/template.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <string>

using namespace slam;
using namespace slam::cfn::testing;
using Json = nlohmann::ordered_json;
using namespace std::chrono_literals;

namespace {

// Each test gets a project folder whose bin/ comes first on PATH.
class ExternalPlugin : public ::testing::Test
{
protected:
  void SetUp() override
  {
    std::signal(SIGPIPE, SIG_IGN); // as slam itself does
    m_dir = util::make_temp_dir("slam-external-plugin-");
    std::filesystem::create_directory(m_dir / "bin");
    const char* path = std::getenv("PATH");
    m_old_path = path ? path : "";
    auto new_path = (m_dir / "bin").string() + ":" + m_old_path;
    ::setenv("PATH", new_path.c_str(), 1);
  }

  void TearDown() override
  {
    ::setenv("PATH", m_old_path.c_str(), 1);
    std::filesystem::remove_all(m_dir);
  }

  // Install "slam-plugin-NAME" with SCRIPT as its text.
  void install(const std::string& name, const std::string& script)
  {
    auto file = m_dir / "bin" / ("slam-plugin-" + name);
    util::write_file_atomic(file, script);
    std::filesystem::permissions(file,
                                 std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace);
  }

  // Return a config of project "myapp" in the test's folder, with PLUGINS.
  config::Config config_with(std::vector<std::string> plugins)
  {
    auto config = config_with_stages({"dev", "prod-eu"});
    config.project_dir = m_dir;
    config.plugins = std::move(plugins);
    config.document = nlohmann::json::parse(R"({"name": "myapp",
                                                "plugins": ["queue"],
                                                "queue": {"size": 3}})");
    return config;
  }

  // Return the message of the slam::Error that running NAME on the core
  // template throws ("" if none).
  std::string run_error(const std::string& name,
                        std::chrono::milliseconds timeout = 10s)
  {
    auto config = config_with({});
    auto stack_template = cfn::build_template(config);
    try {
      cfn::run_external_plugin(name, config, stack_template, timeout);
    } catch (const Error& error) {
      return error.what();
    }
    return "";
  }

  std::filesystem::path m_dir;
  std::string m_old_path;
};

// A plugin that keeps its request in request.json (in the folder it runs
// in), says something on stderr and adds an SQS queue and its URL.
const char* const k_queue_plugin = R"(#!/usr/bin/env python3
import json, sys
request = json.load(sys.stdin)
with open("request.json", "w") as file:
    json.dump(request, file)
print("added a queue", file=sys.stderr)
json.dump({"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}},
           "Outputs": {"QueueUrl": {"Value": {"Ref": "Queue"}}}}, sys.stdout)
)";

} // namespace

// The request holds the protocol, the plugin, the project folder, the
// plugin's section and the whole slam.yaml, the stages with their ids, the
// core resource ids, and the template.
TEST_F(ExternalPlugin, request_has_config_stages_and_template)
{
  auto config = config_with({"queue"});
  Json stack_template = {{"Resources", {{"Function", {{"Type", "X"}}}}}};

  auto request = cfn::plugin_request("queue", config, stack_template);

  auto expected = Json::parse(R"({
    "protocol": 1,
    "plugin": "queue",
    "slam_version": ")" SLAM_VERSION R"(",
    "project_dir": "",
    "section": {"size": 3},
    "config": {"name": "myapp", "plugins": ["queue"], "queue": {"size": 3}},
    "stages": [
      {"name": "dev", "id": "Dev", "alias": "DevFunctionAlias",
       "version_parameter": "DevVersion"},
      {"name": "prod-eu", "id": "ProdEu", "alias": "ProdEuFunctionAlias",
       "version_parameter": "ProdEuVersion"}
    ],
    "resources": {"function": "Function", "role": "FunctionExecutionRole",
                  "log_group": "FunctionLogGroup"},
    "template": {"Resources": {"Function": {"Type": "X"}}}
  })");
  expected["project_dir"] = m_dir.string();
  EXPECT_EQ(request, expected);
  EXPECT_EQ(cfn::plugin_request("other", config, stack_template)["section"],
            Json());
}

// The plugin runs in the project folder on the template so far; what it
// answers is added and its stderr is passed on.
TEST_F(ExternalPlugin, plugin_adds_to_the_template)
{
  install("queue", k_queue_plugin);
  auto config = config_with({"queue"});
  auto core = cfn::build_template(config_with({}));
  auto stack_template = core;

  testing::internal::CaptureStderr();
  cfn::run_external_plugin("queue", config, stack_template);
  auto err = testing::internal::GetCapturedStderr();

  auto expected = core;
  expected["Resources"]["Queue"] = {{"Type", "AWS::SQS::Queue"}};
  expected["Outputs"]["QueueUrl"] = {{"Value", {{"Ref", "Queue"}}}};
  EXPECT_EQ(stack_template, expected);
  EXPECT_EQ(err, "slam-plugin-queue: added a queue\n");
  EXPECT_EQ(Json::parse(util::read_file(m_dir / "request.json")),
            cfn::plugin_request("queue", config, core));
}

// Built-in plugins come first, then external ones in the listed order,
// then aws.cfn_resources, which may refer to what plugins added.
TEST_F(ExternalPlugin, template_order_is_builtin_external_custom)
{
  install("queue", k_queue_plugin);
  install("count",
          R"(#!/usr/bin/env python3
import json, sys
names = sorted(json.load(sys.stdin)["template"]["Resources"])
json.dump({"Outputs": {"SeenResources": {"Value": ",".join(names)}}},
          sys.stdout)
)");
  auto config = config_with({"queue", "count"});
  config.wsgi.enabled = true;
  config.aws.cfn_resources = nlohmann::json::parse(
      R"({"Alarm": {"Type": "AWS::CloudWatch::Alarm",
                    "Properties": {"Namespace": {"Ref": "Queue"}}}})");

  testing::internal::CaptureStderr();
  auto stack_template = cfn::build_template(config);
  testing::internal::GetCapturedStderr();

  auto seen =
      stack_template["Outputs"]["SeenResources"]["Value"].get<std::string>();
  EXPECT_NE(seen.find("API,"), std::string::npos) << seen;
  EXPECT_NE(seen.find("Queue"), std::string::npos) << seen;
  EXPECT_EQ(seen.find("Alarm"), std::string::npos) << seen;
  EXPECT_EQ(stack_template["Resources"]["Alarm"]["Type"],
            "AWS::CloudWatch::Alarm");
  config.aws.cfn_resources =
      nlohmann::json::parse(R"({"Queue": {"Type": "AWS::SNS::Topic"}})");
  testing::internal::CaptureStderr();
  EXPECT_THROW(cfn::build_template(config), UsageError);
  testing::internal::GetCapturedStderr();
}

// Two plugins may not add the same logical id.
TEST_F(ExternalPlugin, second_plugin_with_same_id_is_refused)
{
  install("queue", k_queue_plugin);
  install("queue2", k_queue_plugin);
  auto config = config_with({"queue", "queue2"});

  testing::internal::CaptureStderr();
  try {
    cfn::build_template(config);
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(),
                 "external plugin 'queue2' added 'Queue' to Resources, a "
                 "logical id the template already has; give it another name");
  }
  testing::internal::GetCapturedStderr();
}

// A failing plugin is named, with its exit status and its stderr.
TEST_F(ExternalPlugin, failure_shows_exit_status_and_stderr)
{
  install("bad",
          "#!/bin/sh\ncat >/dev/null\necho 'no queue section' >&2\n"
          "echo 'see docs' >&2\nexit 3\n");
  install("mute", "#!/bin/sh\ncat >/dev/null\nexit 1\n");

  EXPECT_EQ(run_error("bad"),
            "external plugin 'bad' failed with exit status 3; its stderr:\n"
            "  no queue section\n"
            "  see docs");
  EXPECT_EQ(run_error("mute"),
            "external plugin 'mute' failed with exit "
            "status 1");
}

// Output that is not JSON, or not an answer, is refused with what is wrong.
TEST_F(ExternalPlugin, output_must_be_an_answer)
{
  install("text", "#!/bin/sh\ncat >/dev/null\necho done\n");
  install("list", "#!/bin/sh\ncat >/dev/null\necho '[1, 2]'\n");
  install("huge", "#!/bin/sh\ncat >/dev/null\necho '{\"a\": 1e999}'\n");

  EXPECT_EQ(run_error("text"),
            "external plugin 'text' wrote no valid JSON on stdout (parse "
            "error at line 1, column 1: syntax error while parsing value - "
            "invalid literal; last read: 'd')");
  EXPECT_EQ(run_error("huge").substr(0, 59),
            "external plugin 'huge' wrote no valid JSON on stdout (numbe");
  EXPECT_EQ(run_error("list"),
            "external plugin 'list' must answer with a JSON object of "
            "Resources, Outputs and Conditions to add");
}

// A plugin that hangs is stopped, with whatever it started.
TEST_F(ExternalPlugin, slow_plugin_is_stopped)
{
  install("slow", "#!/bin/sh\necho 'thinking' >&2\nsleep 30\necho '{}'\n");

  auto start = std::chrono::steady_clock::now();
  auto error = run_error("slow", 300ms);
  auto elapsed = std::chrono::steady_clock::now() - start;

  EXPECT_EQ(error,
            "external plugin 'slow' did not finish within 0.3 s and was "
            "stopped; its stderr:\n"
            "  thinking");
  EXPECT_LT(elapsed, 10s);
}

// A listed plugin that cannot be found is a config problem found up front;
// running it anyway says what is missing.
TEST_F(ExternalPlugin, missing_plugin_is_reported)
{
  auto config = config_with({"queue", "nowhere"});
  install("queue", k_queue_plugin);

  EXPECT_EQ(cfn::validate(config),
            std::vector<std::string>{
                "plugins: no program 'slam-plugin-nowhere' in the project "
                "folder or on PATH for plugin 'nowhere'; install it or "
                "remove 'nowhere' from plugins"});
  EXPECT_EQ(run_error("nowhere"),
            "external plugin 'nowhere' not found: no program "
            "'slam-plugin-nowhere' in the project folder or on PATH");
  EXPECT_EQ(cfn::find_external_plugin("queue", m_dir),
            m_dir / "bin" / "slam-plugin-queue");
}

// An executable plugin in the project folder comes before one on PATH; a
// file there that is not executable is passed over.
TEST_F(ExternalPlugin, project_folder_comes_before_path)
{
  install("queue", k_queue_plugin);
  auto local = m_dir / "slam-plugin-queue";
  util::write_file_atomic(local, k_queue_plugin);

  EXPECT_EQ(cfn::find_external_plugin("queue", m_dir),
            m_dir / "bin" / "slam-plugin-queue");
  std::filesystem::permissions(local,
                               std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace);
  EXPECT_EQ(cfn::find_external_plugin("queue", m_dir), local);
}
