#include "slam/cfn/plugins/dynamodb_tables.hpp"

#include "slam/cfn/execution_role.hpp"
#include "slam/cfn/logical_ids.hpp"
#include "slam/cfn/plugins/dynamodb_table.hpp"
#include "slam/cfn/plugins/dynamodb_table_checks.hpp"
#include "slam/config/init_file.hpp"
#include "slam/config/names.hpp"
#include "slam/util/error.hpp"
#include "slam/util/text.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <regex>

namespace slam::cfn {
namespace {

// The item and table actions an application needs; no table management.
const std::vector<std::string> k_table_actions = {"dynamodb:GetItem",
                                                  "dynamodb:PutItem",
                                                  "dynamodb:UpdateItem",
                                                  "dynamodb:DeleteItem",
                                                  "dynamodb:Query",
                                                  "dynamodb:Scan",
                                                  "dynamodb:BatchGetItem",
                                                  "dynamodb:BatchWriteItem",
                                                  "dynamodb:ConditionCheckItem",
                                                  "dynamodb:DescribeTable"};

std::string table_resource_of(const std::string& table_id)
{
  return table_id + "DynamoDBTable";
}

std::vector<std::string> check_table_names(const config::Config& config)
{
  static const std::regex name_pattern("[A-Za-z0-9_.-]{3,255}");
  std::vector<std::string> problems;
  for (const auto& stage : config.stages) {
    for (const auto& table : config.dynamodb_tables) {
      auto name = table_name(stage.name, table.name);
      if (!std::regex_match(name, name_pattern)) {
        problems.push_back(fmt::format(
            "dynamodb_tables.{}: '{}' is not a valid DynamoDB table name (3 to "
            "255 letters, digits, '_', '-' and '.')",
            table.name,
            name));
      }
    }
  }
  return problems;
}

} // namespace

bool DynamoDbTablesPlugin::enabled(const config::Config& config) const
{
  return !config.dynamodb_tables.empty();
}

std::vector<InitOption> DynamoDbTablesPlugin::init_options() const
{
  return {{"dynamodb-tables",
           "Comma-separated DynamoDB table names",
           "TABLES",
           {}}};
}

std::string DynamoDbTablesPlugin::init_section(const InitChoices& choices) const
{
  auto it = choices.find("dynamodb-tables");
  auto tables = util::split_list(it == choices.end() ? "" : it->second, ',');
  if (tables.empty()) {
    return "";
  }
  std::string text = R"(
# dynamodb_tables plugin: each table is created once per stage, named
# "<stage>.<table>". Attribute types are S, N or B; key is the hash key
# or a [hash, range] pair. Indexes are mappings of index names to
# {key, project (all, keys_only or a list of attributes), and for global
# indexes read_throughput and write_throughput}.
dynamodb_tables:
)";
  for (auto table = tables.begin(); table != tables.end(); ++table) {
    if (auto problem = config::check_table_name(*table)) {
      throw UsageError(fmt::format("table '{}' {}", *table, *problem));
    }
    if (std::find(tables.begin(), table, *table) != table) {
      throw UsageError(
          fmt::format("--dynamodb-tables names '{}' twice", *table));
    }
    text += fmt::format(R"(  {}:
    attributes:
      id: "S"
    key: "id"
    read_throughput: 1
    write_throughput: 1
    local_secondary_indexes: {{}}
    global_secondary_indexes: {{}}
)",
                        config::yaml_quote(*table));
  }
  return text;
}

std::vector<std::string>
DynamoDbTablesPlugin::validate(const config::Config& config) const
{
  auto problems = check_table_names(config);
  for (const auto& table : config.dynamodb_tables) {
    for (auto& problem : check_table(table)) {
      problems.push_back(std::move(problem));
    }
  }
  return problems;
}

void DynamoDbTablesPlugin::extend_template(const config::Config& config,
                                           Json& stack_template) const
{
  LogicalIds ids(config);
  auto& resources = stack_template["Resources"];
  auto arns = Json::array();
  for (const auto& stage : config.stages) {
    for (const auto& table : config.dynamodb_tables) {
      auto resource = table_resource_of(ids.table(stage.name, table.name));
      resources[resource] =
          dynamodb_table(table_name(stage.name, table.name), table);
      arns.push_back(get_att(resource, "Arn"));
      arns.push_back(sub("${" + resource + ".Arn}/index/*"));
    }
  }
  add_role_policy(
      stack_template, "DynamoDBTables", allow_policy(k_table_actions, arns));
}

std::vector<StatusLine>
DynamoDbTablesPlugin::status_lines(const config::Config& config,
                                   const std::string& stage,
                                   const StackOutputs& /*outputs*/) const
{
  std::string names;
  for (const auto& table : config.dynamodb_tables) {
    names += (names.empty() ? "" : ", ") + table_name(stage, table.name);
  }
  if (names.empty()) {
    return {};
  }
  return {{"tables", names}};
}

std::string table_name(const std::string& stage, const std::string& table)
{
  return stage + "." + table;
}

std::string table_resource(const config::Config& config,
                           const std::string& stage,
                           const std::string& table)
{
  return table_resource_of(LogicalIds(config).table(stage, table));
}

} // namespace slam::cfn
