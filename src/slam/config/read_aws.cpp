#include "slam/config/lambda_runtimes.hpp"
#include "slam/config/names.hpp"
#include "slam/config/sections.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace slam::config {
namespace {

// The retention periods CloudWatch Logs accepts, in days.
constexpr int k_retention_days[] = {
    1,   3,   5,   7,   14,   30,   60,   90,   120,  150,  180,
    365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};

// Take RUNTIME when Lambda offers it, warning when it is deprecated.
void read_python_runtime(MapReader& aws,
                         const std::string& runtime,
                         Aws& config)
{
  auto node = *aws.node("lambda_runtime");
  if (auto problem = check_python_runtime(runtime)) {
    aws.diagnostics().error(
        node, fmt::format("lambda_runtime '{}' {}", runtime, *problem));
    return;
  }
  if (find_python_runtime(runtime)->deprecated) {
    aws.diagnostics().warning(
        node,
        fmt::format("lambda_runtime '{}' is deprecated: Lambda no longer "
                    "patches it and will soon refuse to update functions "
                    "that use it; move to '{}'",
                    runtime,
                    python_runtime_ids().back()));
  }
  config.lambda_runtime = runtime;
}

void read_runtime(MapReader& aws, Aws& config)
{
  if (auto runtime = aws.string("lambda_runtime")) {
    read_python_runtime(aws, *runtime, config);
  }
  if (auto arch = aws.string("lambda_architecture")) {
    if (*arch == "x86_64" || *arch == "arm64") {
      config.lambda_architecture = *arch;
    } else {
      aws.diagnostics().error(*aws.node("lambda_architecture"),
                              fmt::format("lambda_architecture '{}' must be "
                                          "x86_64 or arm64",
                                          *arch));
    }
  }
}

void read_retention(MapReader& aws, Aws& config)
{
  auto days = aws.integer("log_retention_days", 1, 3653);
  if (!days) {
    return;
  }
  if (std::find(std::begin(k_retention_days),
                std::end(k_retention_days),
                *days) == std::end(k_retention_days)) {
    aws.diagnostics().error(*aws.node("log_retention_days"),
                            "log_retention_days must be one of the periods "
                            "CloudWatch accepts: 1, 3, 5, 7, 14, 30, 60, 90, "
                            "120, 150, 180, 365, 400, 545, 731, 1096, 1827, "
                            "2192, 2557, 2922, 3288, 3653");
    return;
  }
  config.log_retention_days = *days;
}

// Read a CloudFormation fragment that must be a mapping (cfn_resources).
void read_mapping(MapReader& aws, const std::string& key, nlohmann::json& out)
{
  auto node = aws.node(key);
  if (!node) {
    return;
  }
  if (!node->IsMap()) {
    aws.diagnostics().error(*node,
                            key + " must be a mapping of logical ids "
                                  "to CloudFormation definitions");
    return;
  }
  out = to_json(*node, &aws.diagnostics());
}

void read_policies(MapReader& aws, Aws& config)
{
  config.lambda_managed_policies = aws.string_list("lambda_managed_policies")
                                       .value_or(std::vector<std::string>{});
  auto node = aws.node("lambda_inline_policies");
  if (!node) {
    return;
  }
  if (!node->IsMap() && !node->IsSequence()) {
    aws.diagnostics().error(*node,
                            "lambda_inline_policies must be a list of "
                            "IAM statements or a mapping of policy "
                            "names to policy documents");
    return;
  }
  config.lambda_inline_policies = to_json(*node, &aws.diagnostics());
}

} // namespace

void read_aws(MapReader& root, Aws& config)
{
  MapReader aws(
      root.node("aws").value_or(YAML::Node()), "aws", root.diagnostics());
  if (auto bucket = aws.string("s3_bucket")) {
    if (auto problem = check_bucket_name(*bucket)) {
      aws.diagnostics().error(
          *aws.node("s3_bucket"),
          fmt::format("s3_bucket '{}' {}", *bucket, *problem));
    }
    config.s3_bucket = *bucket;
  }
  config.lambda_timeout =
      aws.integer("lambda_timeout", 1, 900).value_or(config.lambda_timeout);
  config.lambda_memory =
      aws.integer("lambda_memory", 128, 10240).value_or(config.lambda_memory);
  read_runtime(aws, config);
  config.region = aws.string("region").value_or("");
  config.lambda_security_groups = aws.string_list("lambda_security_groups")
                                      .value_or(std::vector<std::string>{});
  config.lambda_subnet_ids =
      aws.string_list("lambda_subnet_ids").value_or(std::vector<std::string>{});
  read_policies(aws, config);
  read_mapping(aws, "cfn_resources", config.cfn_resources);
  read_mapping(aws, "cfn_outputs", config.cfn_outputs);
  read_retention(aws, config);
  aws.warn_unknown_keys();
}

} // namespace slam::config
