#include "cfn_test_configs.hpp"
#include "slam/cfn/plugins/dynamodb_tables.hpp"
#include "slam/cfn/template.hpp"
#include "slam/config/load.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam;
using namespace slam::cfn::testing;
using Json = nlohmann::ordered_json;

namespace {

Json users(const std::string& name)
{
  auto table = Json::parse(R"({
    "Type": "AWS::DynamoDB::Table",
    "DeletionPolicy": "Delete",
    "UpdateReplacePolicy": "Delete",
    "Properties": {
      "TableName": "",
      "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
      "ProvisionedThroughput": {"ReadCapacityUnits": 1,
                                "WriteCapacityUnits": 1}
    }
  })");
  table["Properties"]["TableName"] = name;
  return table;
}

// "paid" is not in any key, so it is not defined.
Json orders(const std::string& name)
{
  auto table = Json::parse(R"({
    "Type": "AWS::DynamoDB::Table",
    "DeletionPolicy": "Delete",
    "UpdateReplacePolicy": "Delete",
    "Properties": {
      "TableName": "",
      "AttributeDefinitions": [
        {"AttributeName": "customer", "AttributeType": "S"},
        {"AttributeName": "created", "AttributeType": "N"},
        {"AttributeName": "total", "AttributeType": "N"},
        {"AttributeName": "status", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"},
                    {"AttributeName": "created", "KeyType": "RANGE"}],
      "ProvisionedThroughput": {"ReadCapacityUnits": 5,
                                "WriteCapacityUnits": 2},
      "LocalSecondaryIndexes": [{
        "IndexName": "by_total",
        "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"},
                      {"AttributeName": "total", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "INCLUDE",
                       "NonKeyAttributes": ["status"]}
      }],
      "GlobalSecondaryIndexes": [{
        "IndexName": "by_status",
        "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"},
                      {"AttributeName": "created", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "ALL"},
        "ProvisionedThroughput": {"ReadCapacityUnits": 3,
                                  "WriteCapacityUnits": 4}
      }]
    }
  })");
  table["Properties"]["TableName"] = name;
  return table;
}

Json table_arns(const std::string& resource)
{
  return Json::array({{{"Fn::GetAtt", {resource, "Arn"}}},
                      {{"Fn::Sub", "${" + resource + ".Arn}/index/*"}}});
}

config::Config tables_config()
{
  auto config = config_with_stages({"dev", "prod-eu"});
  config.dynamodb_tables = {users_table(), orders_table()};
  return config;
}

} // namespace

// Each table exists once per stage as "<stage>.<table>", and the role may use
// exactly those tables and their indexes.
TEST(DynamoDbTablesPlugin, adds_tables_per_stage_and_a_policy_for_them)
{
  auto config = tables_config();

  auto stack_template = cfn::build_template(config);

  auto core = config;
  core.dynamodb_tables.clear();
  auto expected = cfn::build_template(core);
  auto& resources = expected["Resources"];
  resources["DevUsersDynamoDBTable"] = users("dev.users");
  resources["DevOrdersDynamoDBTable"] = orders("dev.orders");
  resources["ProdEuUsersDynamoDBTable"] = users("prod-eu.users");
  resources["ProdEuOrdersDynamoDBTable"] = orders("prod-eu.orders");
  auto arns = Json::array();
  for (const auto* table : {"DevUsersDynamoDBTable",
                            "DevOrdersDynamoDBTable",
                            "ProdEuUsersDynamoDBTable",
                            "ProdEuOrdersDynamoDBTable"}) {
    for (auto& arn : table_arns(table)) {
      arns.push_back(arn);
    }
  }
  auto policy = Json::parse(R"({
    "PolicyName": "DynamoDBTables",
    "PolicyDocument": {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Action": ["dynamodb:GetItem", "dynamodb:PutItem",
                   "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                   "dynamodb:Query", "dynamodb:Scan",
                   "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem",
                   "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"],
        "Resource": []
      }]
    }
  })");
  policy["PolicyDocument"]["Statement"][0]["Resource"] = arns;
  resources["FunctionExecutionRole"]["Properties"]["Policies"].push_back(
      policy);
  EXPECT_EQ(stack_template, expected);
}

// keys_only projections have no attribute list.
TEST(DynamoDbTablesPlugin, keys_only_projection_has_no_attributes)
{
  auto config = config_with_stages({"dev"});
  auto table = orders_table();
  table.local_secondary_indexes[0].projection = "keys_only";
  table.local_secondary_indexes[0].non_key_attributes.clear();
  config.dynamodb_tables = {table};

  auto resource =
      cfn::build_template(config)["Resources"]["DevOrdersDynamoDBTable"];

  EXPECT_EQ(resource["Properties"]["LocalSecondaryIndexes"][0]["Projection"],
            Json::parse(R"({"ProjectionType": "KEYS_ONLY"})"));
}

// Schemas DynamoDB would reject are reported with where they are.
TEST(DynamoDbTablesPlugin, invalid_schemas_are_reported)
{
  auto config = config_with_stages({"dev", "a b"});
  auto users = users_table();
  users.key = {"id", "missing"};
  users.read_throughput = 0;
  auto orders = orders_table();
  orders.attributes.push_back({"flag", "BOOL"});
  orders.local_secondary_indexes[0].key = {"status", "total"};
  orders.local_secondary_indexes[0].projection = "some";
  orders.global_secondary_indexes[0].name = "by_total";
  orders.global_secondary_indexes[0].key = {"flag"};
  orders.global_secondary_indexes[0].projection = "include";
  orders.global_secondary_indexes[0].non_key_attributes.clear();
  config.dynamodb_tables = {users, orders};

  std::vector<std::string> expected = {
      "dynamodb_tables.users: 'a b.users' is not a valid DynamoDB table name "
      "(3 to 255 letters, digits, '_', '-' and '.')",
      "dynamodb_tables.orders: 'a b.orders' is not a valid DynamoDB table name "
      "(3 to 255 letters, digits, '_', '-' and '.')",
      "dynamodb_tables.users.key: attribute 'missing' is not listed in "
      "attributes",
      "dynamodb_tables.users.read_throughput and write_throughput must be at "
      "least 1",
      "dynamodb_tables.orders.local_secondary_indexes.by_total: projection "
      "must be all, keys_only or include, not 'some'",
      "dynamodb_tables.orders.local_secondary_indexes.by_total.key must be the "
      "table's hash key 'customer' and a range key",
      "dynamodb_tables.orders.global_secondary_indexes.by_total: another index "
      "of the table has this name",
      "dynamodb_tables.orders.global_secondary_indexes.by_total.key: key "
      "attribute 'flag' must have type S, N or B, not 'BOOL'",
      "dynamodb_tables.orders.global_secondary_indexes.by_total: an include "
      "projection needs the attributes to include"};
  EXPECT_EQ(cfn::validate(config), expected);
}

// A local index needs a table with a range key; a key has one or two parts.
TEST(DynamoDbTablesPlugin, local_index_on_hash_only_table_is_reported)
{
  auto config = config_with_stages({"dev"});
  auto users = users_table();
  config::TableIndex index;
  index.name = "by_id";
  index.key = {"id", "id"};
  index.non_key_attributes = {"x"};
  users.local_secondary_indexes = {index};
  auto orders = orders_table();
  orders.key = {};
  config.dynamodb_tables = {users, orders};

  EXPECT_EQ(
      cfn::validate(config),
      (std::vector<std::string>{
          "dynamodb_tables.users.local_secondary_indexes.by_id: only an "
          "include "
          "projection lists attributes",
          "dynamodb_tables.users.local_secondary_indexes.by_id: a local index "
          "needs a table with a range key",
          "dynamodb_tables.orders.key must be a hash key attribute, or a list "
          "of "
          "a hash and a range key attribute",
          "dynamodb_tables.orders.local_secondary_indexes.by_total: a local "
          "index needs a table with a range key"}));
}

// status lists a stage's tables by their DynamoDB names.
TEST(DynamoDbTablesPlugin, status_lines_list_the_stage_tables)
{
  auto config = tables_config();

  EXPECT_EQ(cfn::DynamoDbTablesPlugin().status_lines(config, "prod-eu", {}),
            (std::vector<cfn::StatusLine>{
                {"tables", "prod-eu.users, prod-eu.orders"}}));
}

// Callers find a table's resource through the config.
TEST(DynamoDbTablesPlugin, table_resource_names_the_logical_id)
{
  EXPECT_EQ(cfn::table_resource(tables_config(), "prod-eu", "users"),
            "ProdEuUsersDynamoDBTable");
  EXPECT_EQ(cfn::table_name("prod-eu", "users"), "prod-eu.users");
}

// init --dynamodb-tables writes each table keyed by a string "id", which
// loads back as such.
TEST(DynamoDbTablesPlugin, init_section_writes_the_asked_tables)
{
  cfn::DynamoDbTablesPlugin plugin;

  auto section = plugin.init_section({{"dynamodb-tables", "users, audit-log"}});
  auto config = config::parse_config(
      "name: shop\nfunction: {module: app, app: app}\n" + section,
      "slam.yaml",
      "/p");

  ASSERT_EQ(config.dynamodb_tables.size(), 2U);
  for (const auto& table : config.dynamodb_tables) {
    EXPECT_EQ(table.attributes,
              (std::vector<std::pair<std::string, std::string>>{{"id", "S"}}));
    EXPECT_EQ(table.key, std::vector<std::string>{"id"});
    EXPECT_EQ(table.read_throughput, 1);
    EXPECT_EQ(table.write_throughput, 1);
  }
  EXPECT_EQ(config.dynamodb_tables[1].name, "audit-log");
  EXPECT_EQ(plugin.init_options(),
            (std::vector<cfn::InitOption>{{"dynamodb-tables",
                                           "Comma-separated DynamoDB table "
                                           "names",
                                           "TABLES",
                                           {}}}));
}

// Without --dynamodb-tables there is no section; a bad name is refused.
TEST(DynamoDbTablesPlugin, init_section_only_when_asked_and_valid)
{
  cfn::DynamoDbTablesPlugin plugin;

  EXPECT_EQ(plugin.init_section({}), "");
  EXPECT_EQ(plugin.init_section({{"dynamodb-tables", " , "}}), "");
  try {
    plugin.init_section({{"dynamodb-tables", "users,a/b"}});
    FAIL() << "no error for table 'a/b'";
  } catch (const UsageError& error) {
    EXPECT_STREQ(error.what(),
                 "table 'a/b' must contain only letters, digits, '_', '-' and "
                 "'.'");
  }
}
