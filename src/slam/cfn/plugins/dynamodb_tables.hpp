#pragma once

#include "slam/cfn/plugin.hpp"

#include <string>

namespace slam::cfn {

// The dynamodb_tables plugin: each configured table once per stage, named
// "<stage>.<table>" as the original Slam named them, and a role policy that
// lets the function use exactly those tables and their indexes.
class DynamoDbTablesPlugin : public Plugin
{
public:
  std::string_view name() const override { return "dynamodb_tables"; }
  bool enabled(const config::Config& config) const override;
  std::vector<InitOption> init_options() const override;
  std::string init_section(const InitChoices& choices) const override;
  std::vector<std::string>
  validate(const config::Config& config) const override;
  void extend_template(const config::Config& config,
                       Json& stack_template) const override;
  std::vector<StatusLine>
  status_lines(const config::Config& config,
               const std::string& stage,
               const StackOutputs& outputs) const override;
};

// Return the DynamoDB name of TABLE for STAGE ("prod.users").
std::string table_name(const std::string& stage, const std::string& table);

// Return the logical id of TABLE's resource for STAGE in CONFIG's template.
std::string table_resource(const config::Config& config,
                           const std::string& stage,
                           const std::string& table);

} // namespace slam::cfn
