#include "config_support.hpp"
#include "slam/config/diagnostics.hpp"
#include "slam/config/load.hpp"

#include <fmt/core.h>
#include <gtest/gtest.h>

using slam::config::ConfigError;
using slam::config::parse_config;

using slam::config::testing::config_error;
using slam::config::testing::k_minimal;

// A minimal file gets every default of the original.
TEST(ConfigLoad, minimal_file_gets_defaults)
{
  auto config = parse_config(k_minimal, "slam.yaml", "/project");
  EXPECT_EQ(config.name, "shop");
  EXPECT_EQ(config.module, "app");
  EXPECT_EQ(config.app, "app");
  EXPECT_EQ(config.description, "");
  EXPECT_EQ(config.requirements, "requirements.txt");
  EXPECT_FALSE(config.requirements_given);
  EXPECT_EQ(config.devstage, "dev");
  EXPECT_EQ(config.stage_names(), std::vector<std::string>{"dev"});
  EXPECT_EQ(config.aws.lambda_timeout, 10);
  EXPECT_EQ(config.aws.lambda_memory, 128);
  EXPECT_EQ(config.aws.lambda_runtime, "python3.12");
  EXPECT_EQ(config.aws.lambda_architecture, "x86_64");
  EXPECT_EQ(config.aws.log_retention_days, 30);
  EXPECT_TRUE(config.aws.s3_bucket.empty());
  EXPECT_EQ(config.bucket(), "shop-slam-packages");
  EXPECT_FALSE(config.wsgi.enabled);
  EXPECT_TRUE(config.dynamodb_tables.empty());
  EXPECT_EQ(config.project_dir, "/project");
}

// Stage names with '-' and '_' and values with any character are kept.
TEST(ConfigLoad, stages_and_variables_keep_their_text)
{
  auto config = parse_config(std::string(k_minimal) + R"(devstage: prod-eu
environment:
  GREETING: "it's \"quoted\""
  COUNT: 3
stage_environments:
  prod-eu:
    DEBUG: "0"
  qa_1:
)",
                             "slam.yaml",
                             "/project");
  EXPECT_EQ(config.stage_names(),
            (std::vector<std::string>{"prod-eu", "qa_1"}));
  EXPECT_EQ(config.environment,
            (slam::config::Variables{{"GREETING", "it's \"quoted\""},
                                     {"COUNT", "3"}}));
  EXPECT_EQ(config.find_stage("prod-eu")->environment,
            (slam::config::Variables{{"DEBUG", "0"}}));
  EXPECT_TRUE(config.find_stage("qa_1")->environment.empty());
}

// Every problem is reported at once, each with file:line:col.
TEST(ConfigLoad, all_errors_reported_with_positions)
{
  auto message = config_error(R"(name: "shop"
function:
  module: "app"
  app: "app"
aws:
  lambda_memory: 64
  lambda_timeout: "ten"
  lambda_architecture: sparc
)");
  EXPECT_EQ(message,
            "slam.yaml:6:18: lambda_memory must be an integer between 128 and "
            "10240\n"
            "slam: error: slam.yaml:7:19: lambda_timeout must be an integer "
            "between 1 and 900\n"
            "slam: error: slam.yaml:8:24: lambda_architecture 'sparc' must be "
            "x86_64 or arm64");
}

// A runtime Lambda does not offer is an error at its position, listing
// the ones it offers.
TEST(ConfigLoad, unknown_runtime_is_an_error)
{
  EXPECT_EQ(config_error(std::string(k_minimal) + R"(aws:
  lambda_runtime: python3.15
)"),
            "slam.yaml:6:19: lambda_runtime 'python3.15' is not a Python "
            "runtime Lambda offers; use one of python3.9, python3.10, "
            "python3.11, python3.12, python3.13, python3.14; did you mean "
            "'python3.14'?");
}

// The log group's retention is configurable, to a period CloudWatch
// accepts.
TEST(ConfigLoad, log_retention_is_read_and_checked)
{
  auto config = parse_config(std::string(k_minimal) + R"(aws:
  log_retention_days: 14
)",
                             "slam.yaml",
                             "/project");
  EXPECT_EQ(config.aws.log_retention_days, 14);
  EXPECT_EQ(config_error(std::string(k_minimal) + R"(aws:
  log_retention_days: 31
)"),
            "slam.yaml:6:23: log_retention_days must be one of the periods "
            "CloudWatch accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, "
            "365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653");
}

// pip reads the requirements as a file: a folder or nothing is refused.
TEST(ConfigLoad, requirements_must_name_a_file)
{
  for (const auto* value : {"\"\"", "\".\"", "reqs/", "reqs/.."}) {
    EXPECT_EQ(
        config_error(std::string(k_minimal) + "requirements: " + value + "\n"),
        fmt::format("slam.yaml:5:15: requirements '{}' must name a "
                    "file, such as 'requirements.txt'",
                    std::string(value) == "\"\""    ? ""
                    : std::string(value) == "\".\"" ? "."
                                                    : value));
  }
}

// Invalid YAML names the position of the parse error.
TEST(ConfigLoad, malformed_yaml_names_position)
{
  EXPECT_EQ(config_error("name: [unclosed\n"),
            "slam.yaml:2:1: invalid YAML: end of sequence flow not found");
}

// A file without name or function says what is missing.
TEST(ConfigLoad, missing_required_keys)
{
  EXPECT_EQ(config_error("description: x\n"),
            "slam.yaml:1:1: missing 'name' (the project name)\n"
            "slam: error: slam.yaml:1:1: missing 'function' section "
            "(function: {module: ..., app: ...})");
}

// An empty file is not a config.
TEST(ConfigLoad, empty_file_is_an_error)
{
  EXPECT_NE(config_error("").find("slam.yaml:1:1: the file must be a YAML "
                                  "mapping"),
            std::string::npos);
}

// The devstage must be one of the stages.
TEST(ConfigLoad, devstage_must_be_a_stage)
{
  EXPECT_EQ(config_error(std::string(k_minimal) + R"(devstage: dev
stage_environments:
  prod:
)"),
            "slam.yaml:5:11: devstage 'dev' is not one of the stages in "
            "stage_environments");
}

// Names that would break CloudFormation are refused early.
TEST(ConfigLoad, bad_names_are_refused)
{
  EXPECT_EQ(
      config_error(R"(name: "my_app"
function: {module: "app", app: "app"}
stage_environments:
  "123":
  "a b":
)"),
      "slam.yaml:1:7: name 'my_app' must start with a letter and contain "
      "only letters, digits and '-' (at most 64 characters)\n"
      "slam: error: slam.yaml:4:3: stage '123' must contain only letters, "
      "digits, '-' and '_', not only digits (at most 64 characters)\n"
      "slam: error: slam.yaml:4:3: devstage 'dev' is not one of the "
      "stages in stage_environments\n"
      "slam: error: slam.yaml:5:3: stage 'a b' must contain only letters, "
      "digits, '-' and '_', not only digits (at most 64 characters)");
}

// Plugin sections of the original are read with their options.
TEST(ConfigLoad, plugin_sections)
{
  auto config = parse_config(std::string(k_minimal) + R"(wsgi:
  deploy_api_gateway: false
dynamodb_tables:
  users:
    attributes: {id: S, name: S, age: N}
    key: [id, name]
    read_throughput: 5
    local_secondary_indexes:
      by_age:
        key: [id, age]
        project: [name]
    global_secondary_indexes:
      by_name:
        key: name
        project: all
        write_throughput: 2
)",
                             "slam.yaml",
                             "/project");
  EXPECT_TRUE(config.wsgi.enabled);
  EXPECT_FALSE(config.wsgi.deploy_api_gateway);
  ASSERT_EQ(config.dynamodb_tables.size(), 1U);
  const auto& table = config.dynamodb_tables[0];
  EXPECT_EQ(table.key, (std::vector<std::string>{"id", "name"}));
  EXPECT_EQ(table.read_throughput, 5);
  EXPECT_EQ(table.write_throughput, 1);
  ASSERT_EQ(table.local_secondary_indexes.size(), 1U);
  EXPECT_EQ(table.local_secondary_indexes[0].projection, "include");
  EXPECT_EQ(table.local_secondary_indexes[0].non_key_attributes,
            std::vector<std::string>{"name"});
  ASSERT_EQ(table.global_secondary_indexes.size(), 1U);
  EXPECT_EQ(table.global_secondary_indexes[0].projection, "all");
  EXPECT_EQ(table.global_secondary_indexes[0].key,
            std::vector<std::string>{"name"});
  EXPECT_EQ(table.global_secondary_indexes[0].write_throughput, 2);
}

// A table key must be one of its declared attributes.
TEST(ConfigLoad, table_key_must_be_declared)
{
  EXPECT_EQ(config_error(std::string(k_minimal) + R"(dynamodb_tables:
  users:
    attributes: {id: S}
    key: email
)"),
            "slam.yaml:6:3: key attribute 'email' of table 'users' is not in "
            "its attributes");
}

// Raw CloudFormation keeps numbers, booleans and quoted strings apart.
TEST(ConfigLoad, cfn_fragments_become_json)
{
  auto config = parse_config(std::string(k_minimal) + R"(aws:
  cfn_resources:
    Queue:
      Type: AWS::SQS::Queue
      Properties: {DelaySeconds: 5, FifoQueue: true, QueueName: "007"}
  lambda_inline_policies:
    - Effect: Allow
      Action: ["s3:GetObject"]
      Resource: "*"
)",
                             "slam.yaml",
                             "/project");
  EXPECT_EQ(config.aws.cfn_resources,
            nlohmann::json::parse(R"({"Queue": {"Type": "AWS::SQS::Queue",
              "Properties": {"DelaySeconds": 5, "FifoQueue": true,
                             "QueueName": "007"}}})"));
  EXPECT_EQ(config.aws.lambda_inline_policies,
            nlohmann::json::parse(R"([{"Effect": "Allow",
              "Action": ["s3:GetObject"], "Resource": "*"}])"));
}

// CloudFormation's YAML short forms become the long forms, also nested;
// before, `!Ref Function` silently became the string "Function".
TEST(ConfigLoad, cfn_short_forms_become_long_forms)
{
  auto config = parse_config(std::string(k_minimal) + R"(aws:
  cfn_outputs:
    Name: {Value: !Ref Function}
    Arn: {Value: !GetAtt Function.Arn}
    Host: {Value: !GetAtt [Db, Endpoint.Address]}
    Url: {Value: !Sub "https://${Api}.example"}
    Both: {Value: !Join [",", [!Ref A, !GetAtt B.Endpoint.Port]]}
    Plain: {Value: "!Ref Function"}
)",
                             "slam.yaml",
                             "/project");
  EXPECT_EQ(config.aws.cfn_outputs, nlohmann::json::parse(R"({
    "Name": {"Value": {"Ref": "Function"}},
    "Arn": {"Value": {"Fn::GetAtt": ["Function", "Arn"]}},
    "Host": {"Value": {"Fn::GetAtt": ["Db", "Endpoint.Address"]}},
    "Url": {"Value": {"Fn::Sub": "https://${Api}.example"}},
    "Both": {"Value": {"Fn::Join": [",", [{"Ref": "A"},
             {"Fn::GetAtt": ["B", "Endpoint.Port"]}]]}},
    "Plain": {"Value": "!Ref Function"}})"));
}

TEST(ConfigLoad, unknown_tags_in_cfn_fragments_are_errors)
{
  auto message = config_error(std::string(k_minimal) + R"(aws:
  cfn_resources:
    Topic: {Type: "AWS::SNS::Topic", Properties: {TopicName: !Reff X}}
)");
  EXPECT_EQ(message.rfind("slam.yaml:7:62: unknown tag '!Reff'; "
                          "CloudFormation's short forms are !Ref, ",
                          0),
            0u)
      << message;
}

// Settings that would deploy something other than what they say.
TEST(ConfigLoad, front_door_contradictions_are_errors)
{
  EXPECT_EQ(config_error(std::string(k_minimal) + R"(wsgi:
  api: rest
  url_auth: aws_iam
)"),
            "slam.yaml:7:13: url_auth: aws_iam needs api: url; the rest front "
            "door is public");
  EXPECT_EQ(config_error(std::string(k_minimal) + "interface: function\n" +
                         "wsgi:\n  api: url\n"),
            "slam.yaml:7:3: interface: function takes direct invocations "
            "only; remove the wsgi section or set wsgi.deploy_api_gateway: "
            "false");
  EXPECT_EQ(config_error(std::string(k_minimal) + "interface: function\n" +
                         "wsgi:\n  deploy_api_gateway: false\n"),
            "");
}

// Duplicate keys are an error: YAML libraries disagree on which one wins.
TEST(ConfigLoad, duplicate_keys_are_errors)
{
  EXPECT_EQ(config_error(std::string(k_minimal) + "name: \"other\"\n"),
            "slam.yaml:5:1: duplicate key 'name' (first at line 1)");
}

// Text that no AWS API accepts is refused where it is written.
TEST(ConfigLoad, invalid_utf8_and_nul_are_errors)
{
  EXPECT_EQ(config_error(std::string(k_minimal) + "description: \"\xff\"\n"),
            "slam.yaml:5:15: 'description: \"\\xff\"' is not valid UTF-8 "
            "text");
  EXPECT_EQ(config_error(std::string(k_minimal) + "environment:\n"
                                                  "  A: \"a\\0b\"\n"),
            "slam.yaml:6:6: 'a\\x00b' contains a NUL character");
}

// Aliases that expand to billions of values stop at a budget, quickly.
TEST(ConfigLoad, alias_expansion_is_bounded)
{
  std::string text = std::string(k_minimal) + "aws:\n  cfn_resources:\n";
  text += "    L0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level < 10; ++level) {
    text += fmt::format("    L{}: &l{} [", level, level);
    for (int i = 0; i < 10; ++i) {
      text += fmt::format("{}*l{}", i == 0 ? "" : ", ", level - 1);
    }
    text += "]\n";
  }
  auto message = config_error(text);
  EXPECT_NE(message.find("the file expands to more than 100000 values"),
            std::string::npos)
      << message;
}

// A description CloudFormation would refuse is refused here, in place.
TEST(ConfigLoad, long_description_is_an_error)
{
  EXPECT_EQ(config_error(std::string(k_minimal) +
                         "description: " + std::string(1025, 'd') + "\n"),
            "slam.yaml:5:14: description must be at most 1024 characters "
            "(CloudFormation's limit)");
}

// "project: keys_only" means keys only, not an attribute named keys_only.
TEST(ConfigLoad, keys_only_projection)
{
  auto config = parse_config(std::string(k_minimal) + R"(dynamodb_tables:
  users:
    attributes: {id: S, age: N}
    key: id
    global_secondary_indexes:
      by_age: {key: age, project: keys_only}
)",
                             "slam.yaml",
                             "/project");
  const auto& index =
      config.dynamodb_tables.at(0).global_secondary_indexes.at(0);
  EXPECT_EQ(index.projection, "keys_only");
  EXPECT_TRUE(index.non_key_attributes.empty());
  EXPECT_EQ(config_error(std::string(k_minimal) + R"(dynamodb_tables:
  users:
    attributes: {id: S, age: N}
    key: id
    global_secondary_indexes:
      by_age: {key: age, project: some}
)"),
            "slam.yaml:10:35: project of index 'by_age' must be \"all\", "
            "\"keys_only\" or a list of attributes");
}

// package.keep_packages defaults to 3 and takes 0 to 1000.
TEST(ConfigLoad, keep_packages)
{
  EXPECT_EQ(
      parse_config(k_minimal, "slam.yaml", "/project").package.keep_packages,
      3);
  auto config =
      parse_config(std::string(k_minimal) + "package:\n  keep_packages: 0\n",
                   "slam.yaml",
                   "/project");
  EXPECT_EQ(config.package.keep_packages, 0);
  EXPECT_EQ(
      config_error(std::string(k_minimal) + "package:\n  keep_packages: -1\n"),
      "slam.yaml:6:18: keep_packages must be an integer between 0 and "
      "1000");
}

// package.compile defaults to true and takes only a boolean.
TEST(ConfigLoad, package_compile)
{
  EXPECT_TRUE(parse_config(k_minimal, "slam.yaml", "/project").package.compile);
  auto config =
      parse_config(std::string(k_minimal) + "package:\n  compile: false\n",
                   "slam.yaml",
                   "/project");
  EXPECT_FALSE(config.package.compile);
  EXPECT_EQ(
      config_error(std::string(k_minimal) + "package:\n  compile: maybe\n"),
      "slam.yaml:6:12: compile must be true or false");
}

// package.build_from_source lists distribution names.
TEST(ConfigLoad, build_from_source)
{
  EXPECT_TRUE(parse_config(k_minimal, "slam.yaml", "/project")
                  .package.build_from_source.empty());
  auto config = parse_config(std::string(k_minimal) +
                                 "package:\n  build_from_source: [PyYAML, "
                                 "zope.interface]\n",
                             "slam.yaml",
                             "/project");
  EXPECT_EQ(config.package.build_from_source,
            (std::vector<std::string>{"PyYAML", "zope.interface"}));
  EXPECT_EQ(config_error(std::string(k_minimal) +
                         "package:\n  build_from_source: [ok, \"-x\"]\n"),
            "slam.yaml:6:22: package.build_from_source: '-x' is not a "
            "distribution name (a name as on PyPI, such as 'psycopg2' or "
            "'lxml')");
}

// package.exclude globs are checked as .slamignore's patterns are.
TEST(ConfigLoad, malformed_exclude_globs_are_errors)
{
  auto config = parse_config(
      std::string(k_minimal) +
          "package:\n  exclude: [\"*.txt\", \"!a.txt\", \"[[:alpha:]]\"]\n",
      "slam.yaml",
      "/project");
  EXPECT_EQ(config.package.exclude,
            (std::vector<std::string>{"*.txt", "!a.txt", "[[:alpha:]]"}));
  EXPECT_EQ(
      config_error(std::string(k_minimal) +
                   "package:\n  exclude:\n    - \"ok/\"\n    - \"/a[bc\"\n"),
      "slam.yaml:8:10: package.exclude: unterminated '[' in '/a[bc'; close "
      "it with ']', or write '\\[' for a literal '['");
  EXPECT_EQ(
      config_error(std::string(k_minimal) + "package:\n  exclude: [\"\"]\n"),
      "slam.yaml:6:13: package.exclude: '' has no pattern; remove it");
  EXPECT_EQ(
      config_error(std::string(k_minimal) + "package:\n  exclude: \"!/\"\n"),
      "slam.yaml:6:12: package.exclude: '!/' has no pattern; remove it");
}

// wsgi.api chooses the front door and url_auth who may call a function URL;
// both keep the original's meaning when absent.
TEST(ConfigLoad, wsgi_front_door_keys)
{
  auto rest =
      parse_config(std::string(k_minimal) + "wsgi:\n", "slam.yaml", "/project");
  auto url = parse_config(std::string(k_minimal) + R"(wsgi:
  api: url
  url_auth: aws_iam
)",
                          "slam.yaml",
                          "/project");

  EXPECT_EQ(rest.wsgi.api, slam::config::Api::rest);
  EXPECT_EQ(rest.wsgi.url_auth, slam::config::UrlAuth::none);
  EXPECT_EQ(url.wsgi.api, slam::config::Api::url);
  EXPECT_EQ(url.wsgi.url_auth, slam::config::UrlAuth::aws_iam);
}

// Unknown front doors and execution logs without a REST API are errors.
TEST(ConfigLoad, wsgi_front_door_errors)
{
  EXPECT_EQ(config_error(std::string(k_minimal) + R"(wsgi:
  api: graphql
  url_auth: token
)"),
            "slam.yaml:6:8: api 'graphql' must be one of rest, http, url\n"
            "slam: error: slam.yaml:7:13: url_auth 'token' must be none or "
            "aws_iam");
  EXPECT_EQ(config_error(std::string(k_minimal) + R"(wsgi:
  api: http
  log_stages: true
)"),
            "slam.yaml:7:15: log_stages needs api: rest; the http front door "
            "has no execution logs");
}
