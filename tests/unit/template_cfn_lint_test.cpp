#include "cfn_test_configs.hpp"
#include "slam/cfn/template.hpp"
#include "slam/util/files.hpp"
#include "slam/util/process.hpp"
#include "source_dir.hpp"

#include <filesystem>
#include <functional>
#include <gtest/gtest.h>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace slam;
using namespace slam::cfn::testing;

namespace {

// cfn-lint's exit status is a bit set: 2 error, 4 warning, 8 informational.
constexpr int k_lint_error = 2;

struct LintCase
{
  std::string name;
  std::function<config::Config()> make_config;
};

config::Config several_stages()
{
  auto config = config_with_stages({"dev", "my-stage", "prod_eu", "my_stage"});
  config.wsgi.enabled = true;
  return config;
}

config::Config wsgi_with_logs()
{
  auto config = default_config();
  config.wsgi.enabled = true;
  config.wsgi.log_stages = true;
  return config;
}

config::Config dynamodb_tables()
{
  auto config = config_with_stages({"dev", "prod-eu"});
  config.dynamodb_tables = {users_table(), orders_table()};
  return config;
}

config::Config vpc()
{
  auto config = default_config();
  config.aws.lambda_security_groups = {"sg-0123456789abcdef0"};
  config.aws.lambda_subnet_ids = {"subnet-0123456789abcdef0",
                                  "subnet-0fedcba9876543210"};
  return config;
}

config::Config listed_policies()
{
  auto config = default_config();
  config.aws.lambda_managed_policies = {
      "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"};
  config.aws.lambda_inline_policies = nlohmann::json::parse(R"([
    {"Effect": "Allow", "Action": ["sqs:SendMessage"],
     "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs"}])");
  return config;
}

config::Config named_policies()
{
  auto config = default_config();
  config.aws.lambda_inline_policies = nlohmann::json::parse(R"({
    "Queue": {"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "sqs:SendMessage",
       "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs"}]},
    "Topic": {"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "sns:Publish",
       "Resource": "arn:aws:sns:us-east-1:123456789012:news"}]}})");
  return config;
}

config::Config custom_resources()
{
  auto config = default_config();
  config.aws.cfn_resources = nlohmann::json::parse(R"({
    "Uploads": {"Type": "AWS::S3::Bucket"}})");
  config.aws.cfn_outputs = nlohmann::json::parse(R"({
    "UploadsBucket": {"Value": {"Ref": "Uploads"}}})");
  return config;
}

config::Config http_api()
{
  auto config = config_with_stages({"dev", "my-stage", "prod_eu", "my_stage"});
  config.wsgi.enabled = true;
  config.wsgi.api = config::Api::http;
  return config;
}

config::Config function_url()
{
  auto config = config_with_stages({"dev", "prod-eu"});
  config.wsgi.enabled = true;
  config.wsgi.api = config::Api::url;
  return config;
}

config::Config function_url_iam()
{
  auto config = function_url();
  config.wsgi.url_auth = config::UrlAuth::aws_iam;
  return config;
}

config::Config schedules()
{
  auto config = config_with_stages({"dev", "prod-eu"});
  config.interface = config::Interface::function;
  auto nightly = schedule("nightly", "cron(0 3 * * ? *)", {"prod-eu"});
  nightly.input = nlohmann::json::parse(R"({"kwargs": {"full": true}})");
  auto warm_up = schedule("warm-up", "rate(5 minutes)", {"dev", "prod-eu"});
  warm_up.enabled = false;
  warm_up.description = "Keep the function warm";
  config.schedules = {nightly, warm_up};
  return config;
}

// The example external plugin (examples/plugin_sns, found in its project
// folder) on a REST API project with tables.
config::Config external_plugin()
{
  auto config = dynamodb_tables();
  config.wsgi.enabled = true;
  config.project_dir = slam::test::source_dir() / "examples/plugin_sns";
  config.plugins = {"sns"};
  config.document = nlohmann::json::parse(
      R"({"plugins": ["sns"], "sns": {"topics": ["alerts", "daily-report"]}})");
  return config;
}

config::Config everything()
{
  auto config = dynamodb_tables();
  config.wsgi.enabled = true;
  config.wsgi.log_stages = true;
  auto with_vpc = vpc();
  config.aws.lambda_security_groups = with_vpc.aws.lambda_security_groups;
  config.aws.lambda_subnet_ids = with_vpc.aws.lambda_subnet_ids;
  config.aws.lambda_inline_policies =
      named_policies().aws.lambda_inline_policies;
  config.aws.cfn_resources = custom_resources().aws.cfn_resources;
  config.aws.cfn_outputs = custom_resources().aws.cfn_outputs;
  config.schedules = schedules().schedules;
  config.project_dir = external_plugin().project_dir;
  config.plugins = external_plugin().plugins;
  config.document = external_plugin().document;
  return config;
}

// The HTTP API front door with every other plugin and custom resources.
config::Config everything_http()
{
  auto config = everything();
  config.wsgi.log_stages = false;
  config.wsgi.api = config::Api::http;
  return config;
}

// The function URL front door with every other plugin and custom
// resources.
config::Config everything_url()
{
  auto config = everything_http();
  config.wsgi.api = config::Api::url;
  return config;
}

const std::vector<LintCase> k_cases = {{"default", default_config},
                                       {"wsgi_with_logs", wsgi_with_logs},
                                       {"several_stages", several_stages},
                                       {"dynamodb_tables", dynamodb_tables},
                                       {"vpc", vpc},
                                       {"listed_policies", listed_policies},
                                       {"named_policies", named_policies},
                                       {"custom_resources", custom_resources},
                                       {"http_api", http_api},
                                       {"function_url", function_url},
                                       {"function_url_iam", function_url_iam},
                                       {"schedules", schedules},
                                       {"external_plugin", external_plugin},
                                       {"everything", everything},
                                       {"everything_http", everything_http},
                                       {"everything_url", everything_url}};

// Return the lines of cfn-lint's parseable OUTPUT whose rule id starts with
// LEVEL ('E' error, 'W' warning); a line is FILE:LINE:COLUMN:END_LINE:
// END_COLUMN:RULE:MESSAGE.
std::vector<std::string> findings(const std::string& output, char level)
{
  std::vector<std::string> lines;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    std::size_t field_start = 0;
    for (int field = 0; field < 5 && field_start != std::string::npos;
         ++field) {
      field_start = line.find(':', field_start);
      field_start =
          field_start == std::string::npos ? field_start : field_start + 1;
    }
    if (field_start != std::string::npos && field_start < line.size() &&
        line[field_start] == level) {
      lines.push_back(line);
    }
  }
  return lines;
}

} // namespace

// Every generated template passes cfn-lint without errors (DESIGN.md 5).
// One cfn-lint run checks them all, as each run takes seconds to start.
TEST(TemplateCfnLint, generated_templates_have_no_cfn_lint_errors)
{
  if (!util::find_program("cfn-lint")) {
    GTEST_SKIP() << "cfn-lint is not on PATH";
  }
  auto dir = util::make_temp_dir("slam-cfn-lint-");
  std::vector<std::string> argv = {"cfn-lint", "--format", "parseable"};
  testing::internal::CaptureStderr(); // the example plugin's note
  for (const auto& lint_case : k_cases) {
    auto file = dir / (lint_case.name + ".json");
    util::write_file_atomic(
        file, cfn::build_template(lint_case.make_config()).dump(2));
    argv.push_back(file.string());
  }
  testing::internal::GetCapturedStderr();

  auto result = util::run_process(argv);
  std::filesystem::remove_all(dir);

  EXPECT_EQ(result.exit_code & k_lint_error, 0) << result.out << result.err;
  EXPECT_EQ(findings(result.out, 'E'), std::vector<std::string>{});
  for (const auto& warning : findings(result.out, 'W')) {
    std::cerr << "cfn-lint warning: " << warning << "\n";
  }
}
