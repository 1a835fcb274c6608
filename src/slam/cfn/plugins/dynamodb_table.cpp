#include "slam/cfn/plugins/dynamodb_table.hpp"

#include <algorithm>
#include <set>

namespace slam::cfn {
namespace {

Json key_schema(const std::vector<std::string>& key)
{
  auto schema = Json::array();
  for (std::size_t i = 0; i < key.size(); ++i) {
    schema.push_back(
        {{"AttributeName", key[i]}, {"KeyType", i == 0 ? "HASH" : "RANGE"}});
  }
  return schema;
}

Json throughput(int read, int write)
{
  return {{"ReadCapacityUnits", read}, {"WriteCapacityUnits", write}};
}

Json projection(const config::TableIndex& index)
{
  auto type = index.projection;
  std::transform(type.begin(), type.end(), type.begin(), [](char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  });
  Json result = {{"ProjectionType", type}};
  if (!index.non_key_attributes.empty()) {
    result["NonKeyAttributes"] = index.non_key_attributes;
  }
  return result;
}

Json index_json(const config::TableIndex& index, bool global)
{
  Json result = {{"IndexName", index.name},
                 {"KeySchema", key_schema(index.key)},
                 {"Projection", projection(index)}};
  if (global) {
    result["ProvisionedThroughput"] =
        throughput(index.read_throughput, index.write_throughput);
  }
  return result;
}

std::set<std::string> key_attributes(const config::Table& table)
{
  std::set<std::string> names(table.key.begin(), table.key.end());
  for (const auto* indexes :
       {&table.local_secondary_indexes, &table.global_secondary_indexes}) {
    for (const auto& index : *indexes) {
      names.insert(index.key.begin(), index.key.end());
    }
  }
  return names;
}

Json attribute_definitions(const config::Table& table)
{
  auto used = key_attributes(table);
  auto definitions = Json::array();
  for (const auto& [name, type] : table.attributes) {
    if (used.count(name) != 0) {
      definitions.push_back({{"AttributeName", name}, {"AttributeType", type}});
    }
  }
  return definitions;
}

Json indexes_json(const std::vector<config::TableIndex>& indexes, bool global)
{
  auto list = Json::array();
  for (const auto& index : indexes) {
    list.push_back(index_json(index, global));
  }
  return list;
}

} // namespace

Json dynamodb_table(const std::string& name, const config::Table& table)
{
  Json properties = {
      {"TableName", name},
      {"AttributeDefinitions", attribute_definitions(table)},
      {"KeySchema", key_schema(table.key)},
      {"ProvisionedThroughput",
       throughput(table.read_throughput, table.write_throughput)}};
  if (!table.local_secondary_indexes.empty()) {
    properties["LocalSecondaryIndexes"] =
        indexes_json(table.local_secondary_indexes, false);
  }
  if (!table.global_secondary_indexes.empty()) {
    properties["GlobalSecondaryIndexes"] =
        indexes_json(table.global_secondary_indexes, true);
  }
  // The original Slam deleted the tables with the stack; say so explicitly.
  return {{"Type", "AWS::DynamoDB::Table"},
          {"DeletionPolicy", "Delete"},
          {"UpdateReplacePolicy", "Delete"},
          {"Properties", properties}};
}

} // namespace slam::cfn
