#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace slam::config {

// Ordered name/value pairs, as written in slam.yaml (environment variables).
using Variables = std::vector<std::pair<std::string, std::string>>;

// How the function is called: a WSGI app, an ASGI app or a plain function.
enum class Interface { detect, wsgi, asgi, function };

// One stage: a Lambda alias plus an API stage, with its own variables.
struct Stage
{
  std::string name;
  Variables environment;
};

// A secondary index of a DynamoDB table.
struct TableIndex
{
  std::string name;
  std::vector<std::string> key; // hash key, then optional range key
  // "all", "keys_only", or "include" with NON_KEY_ATTRIBUTES.
  std::string projection = "keys_only";
  std::vector<std::string> non_key_attributes;
  int read_throughput = 1;  // global indexes only
  int write_throughput = 1; // global indexes only
};

// One table of the dynamodb_tables plugin, created once per stage.
struct Table
{
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes; // name, type
  std::vector<std::string> key;
  int read_throughput = 1;
  int write_throughput = 1;
  std::vector<TableIndex> local_secondary_indexes;
  std::vector<TableIndex> global_secondary_indexes;
};

// The aws: section.
struct Aws
{
  std::string s3_bucket; // empty: derived from the project name
  int lambda_timeout = 10;
  int lambda_memory = 128;
  std::string lambda_runtime = "python3.12";
  std::string lambda_architecture = "x86_64"; // or arm64
  std::string region;                         // empty: from the environment
  std::vector<std::string> lambda_security_groups;
  std::vector<std::string> lambda_subnet_ids;
  std::vector<std::string> lambda_managed_policies;
  // Either a list of IAM statements or a mapping of policy name to policy
  // document; kept as JSON so any valid policy passes through unchanged.
  nlohmann::json lambda_inline_policies = nlohmann::json::array();
  nlohmann::json cfn_resources = nlohmann::json::object();
  nlohmann::json cfn_outputs = nlohmann::json::object();
  int log_retention_days = 30;
};

// The front door of a web app (wsgi.api): an API Gateway REST API, an API
// Gateway HTTP API (payload 2.0), or a Lambda function URL per stage.
enum class Api { rest, http, url };

// Who may call a function URL (wsgi.url_auth): anyone, or IAM principals
// with a SigV4-signed request.
enum class UrlAuth { none, aws_iam };

// The wsgi: plugin section (the front door of a web app).
struct Wsgi
{
  bool enabled = false; // true when the section is present
  bool deploy_api_gateway = true;
  Api api = Api::rest;
  bool log_stages = false;          // rest only
  UrlAuth url_auth = UrlAuth::none; // url only
  // What the event adapter reads from slam_config.json (docs/adapter.md):
  // a custom domain's base path without leading or trailing '/'
  // ("users/v1"), and lowercase media types ("application/vnd.acme",
  // "application/*", "application/*+cbor", "*/*") sent as text besides
  // its built-in list, or always as base64.
  std::string base_path;
  std::vector<std::string> text_types;
  std::vector<std::string> binary_types;
};

// One entry of the schedules: plugin section: an EventBridge rule per stage
// that invokes the stage's alias on a cron or rate expression.
struct Schedule
{
  std::string name;
  std::string expression;          // "cron(0 3 * * ? *)", "rate(1 hour)"
  std::vector<std::string> stages; // the stages it invokes
  // The event sent to the function; by default a direct invocation that
  // calls a plain function with no arguments.
  nlohmann::json input = {{"args", nlohmann::json::array()},
                          {"kwargs", nlohmann::json::object()}};
  std::string description;
  bool enabled = true;
};

// The package: section (new; defaults keep old files valid).
struct Package
{
  std::vector<std::string> exclude; // extra globs
  std::vector<std::string> pip_options;
  // Take the requirements from this environment instead of running pip: a
  // virtualenv folder or a Python interpreter. Empty: use pip.
  std::string python_environment;
  // Distributions without a wheel for Lambda that pip may build from
  // source on this machine (which must then be Linux on the function's
  // architecture; the native-file check verifies what it built).
  std::vector<std::string> build_from_source;
  // How many of the most recently uploaded packages stay in S3 for
  // rollback, besides those a stage still uses.
  int keep_packages = 3;
  // Ship precompiled bytecode (__pycache__/*.pyc) for the runtime's Python
  // when a matching local interpreter exists: Lambda's /var/task is
  // read-only, so without it every cold start compiles every module.
  bool compile = true;
};

// The whole slam.yaml, validated, with every default filled in.
struct Config
{
  std::filesystem::path file;        // the slam.yaml that was read
  std::filesystem::path project_dir; // the folder holding it
  std::string name;
  std::string description;
  std::string module; // function.module
  std::string app;    // function.app
  Interface interface = Interface::detect;
  std::string requirements = "requirements.txt";
  // Whether slam.yaml names the requirements file: only the default one
  // may be missing (a project without dependencies).
  bool requirements_given = false;
  std::string devstage = "dev";
  Variables environment;
  std::vector<Stage> stages; // in file order; contains devstage
  Aws aws;
  Wsgi wsgi;
  std::vector<Table> dynamodb_tables;
  std::vector<Schedule> schedules;
  Package package;
  // External plugins (plugins: [name, ...]), run in this order.
  std::vector<std::string> plugins;
  // The whole file as JSON, as external plugins receive it.
  nlohmann::json document = nlohmann::json::object();

  // Return the stage called NAME, or nullptr.
  const Stage* find_stage(const std::string& name) const;

  // Return the stage names in file order.
  std::vector<std::string> stage_names() const;

  // Return the S3 bucket for packages: aws.s3_bucket, or one derived from
  // the project name when that is empty.
  std::string bucket() const;
};

// Return the config interface as written in slam.yaml.
std::string to_string(Interface interface);

// Return the front door as written in slam.yaml ("rest", "http", "url").
std::string to_string(Api api);

} // namespace slam::config
