#include "slam/config/init_file.hpp"

#include <fmt/core.h>

namespace slam::config {
namespace {

std::string requirements_line(const std::string& requirements)
{
  if (requirements.empty()) {
    return "# There was no requirements.txt; uncomment this when there is.\n"
           "# requirements: \"requirements.txt\"";
  }
  return "requirements: " + yaml_quote(requirements);
}

std::string render_core(const InitOptions& options)
{
  return fmt::format(
      R"(---
# Slam configuration file.
# Keys not listed here keep their defaults; see the documentation.

# The name of the project: the CloudFormation stack and the Lambda function.
name: {}

# A description of the project.
description: {}

# The Python callable to deploy: "module" is imported, "app" is looked up in
# it. A WSGI app (Flask, Django) or a plain function.
function:
  module: {}
  app: {}

# The requirements file whose packages go into the Lambda package.
{}

# The development stage: "slam deploy" updates it unless --stage says
# otherwise.
devstage: {}

# Environment variables common to all stages, as "KEY: value" pairs.
environment:

# The stages, each with its own environment variables as "KEY: value"
# pairs. Add or remove stages here.
stage_environments:
)",
      yaml_quote(options.name),
      yaml_quote(options.description),
      yaml_quote(options.module),
      yaml_quote(options.app),
      requirements_line(options.requirements),
      yaml_quote(options.stages.front()));
}

std::string render_stages(const InitOptions& options)
{
  std::string text;
  for (const auto& stage : options.stages) {
    text += fmt::format("  {}:\n", yaml_quote(stage));
  }
  return text;
}

std::string render_aws(const InitOptions& options)
{
  auto bucket = options.bucket.empty()
                    ? std::string("# s3_bucket: \"my-bucket\"")
                    : "s3_bucket: " + yaml_quote(options.bucket);
  return fmt::format(
      R"(
# AWS settings.
aws:
  # The S3 bucket for Lambda packages; created when it does not exist.
  # Without it, a bucket named after the project is used.
  {}

  # The Lambda function's timeout in seconds and memory in MB.
  lambda_timeout: {}
  lambda_memory: {}

  # The Lambda runtime and processor architecture (x86_64 or arm64).
  lambda_runtime: {}
  lambda_architecture: "x86_64"

  # Days to keep the function's logs.
  log_retention_days: 30

  # To run the function inside a VPC, list its security groups and subnets.
  lambda_security_groups: []
  lambda_subnet_ids: []

  # IAM managed policy ARNs, and inline policy statements, for the function.
  lambda_managed_policies: []
  lambda_inline_policies: []

  # Extra CloudFormation resources and outputs, merged into the template
  # last, after built-in and external plugins.
  cfn_resources: {{}}
  cfn_outputs: {{}}
)",
      bucket,
      options.timeout,
      options.memory,
      yaml_quote(options.runtime));
}

std::string render_external_plugins()
{
  return R"(
# External plugins: programs named "slam-plugin-<name>" in this folder or on
# PATH that get the configuration and the template as JSON on stdin and
# write the resources and outputs to add on stdout (docs/plugins.md). Each
# reads its settings from the top-level section of its name.
# plugins: ["sns"]
)";
}

} // namespace

std::string render_init_file(const InitOptions& options)
{
  return render_core(options) + render_stages(options) + render_aws(options) +
         render_external_plugins();
}

std::string yaml_quote(const std::string& value)
{
  std::string quoted = "\"";
  for (unsigned char c : value) {
    switch (c) {
    case '"':
      quoted += "\\\"";
      break;
    case '\\':
      quoted += "\\\\";
      break;
    case '\n':
      quoted += "\\n";
      break;
    case '\t':
      quoted += "\\t";
      break;
    default:
      if (c < 0x20 || c == 0x7f) {
        quoted += fmt::format("\\x{:02x}", c);
      } else {
        quoted += static_cast<char>(c);
      }
    }
  }
  return quoted + "\"";
}

} // namespace slam::config
