#pragma once

// Small configs for the template tests, built directly as a validated
// slam.yaml would be.

#include "slam/config/config.hpp"

#include <string>
#include <vector>

namespace slam::cfn::testing {

// Return the config `slam init app:app` writes for project "myapp": one
// stage "dev", every default.
inline config::Config default_config()
{
  config::Config config;
  config.name = "myapp";
  config.description = "My app";
  config.module = "app";
  config.app = "app";
  config.devstage = "dev";
  config.stages = {{"dev", {}}};
  return config;
}

// Return the default config with the given STAGES (the first is devstage).
inline config::Config config_with_stages(const std::vector<std::string>& stages)
{
  auto config = default_config();
  config.devstage = stages.front();
  config.stages.clear();
  for (const auto& stage : stages) {
    config.stages.push_back({stage, {}});
  }
  return config;
}

// Return a table "users" keyed by "id" only.
inline config::Table users_table()
{
  config::Table table;
  table.name = "users";
  table.attributes = {{"id", "S"}};
  table.key = {"id"};
  return table;
}

// Return a table "orders" with hash and range key, a local index on "total"
// projecting one attribute and a global index on "status" projecting all.
inline config::Table orders_table()
{
  config::Table table;
  table.name = "orders";
  table.attributes = {{"customer", "S"},
                      {"created", "N"},
                      {"total", "N"},
                      {"status", "S"},
                      {"paid", "BOOL"}};
  table.key = {"customer", "created"};
  table.read_throughput = 5;
  table.write_throughput = 2;
  config::TableIndex by_total;
  by_total.name = "by_total";
  by_total.key = {"customer", "total"};
  by_total.projection = "include";
  by_total.non_key_attributes = {"status"};
  table.local_secondary_indexes = {by_total};
  config::TableIndex by_status;
  by_status.name = "by_status";
  by_status.key = {"status", "created"};
  by_status.projection = "all";
  by_status.read_throughput = 3;
  by_status.write_throughput = 4;
  table.global_secondary_indexes = {by_status};
  return table;
}

// Return a schedule NAME on EXPRESSION for STAGES, every other key default.
inline config::Schedule schedule(const std::string& name,
                                 const std::string& expression,
                                 const std::vector<std::string>& stages)
{
  config::Schedule result;
  result.name = name;
  result.expression = expression;
  result.stages = stages;
  return result;
}

} // namespace slam::cfn::testing
