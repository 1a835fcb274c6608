#pragma once

#include "slam/config/config.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <utility>

namespace slam::cfn {

// The longest stem: with the longest suffix it stays within
// k_max_logical_id.
constexpr std::size_t k_max_stem = 200;

// The logical id stems of a config's stages, per-stage tables and per-stage
// schedules, unique within the config. Resources add a fixed suffix to a stem
// ("ProdVersion", "ProdUsersDynamoDBTable"), so stems leave room for the
// longest one.
//
// Stems come from logical_id(). When two names give the same stem ("my-stage"
// and "my_stage"), the one that comes first in the config keeps it and the
// later one gets a short hash of its name appended, so adding a stage never
// renames the resources of an existing one.
class LogicalIds
{
public:
  // Assign the stems of CONFIG's stages, tables and schedules, in file
  // order.
  explicit LogicalIds(const config::Config& config);

  // Return the stem of STAGE ("Prod"); throw slam::Error when the config has
  // no such stage.
  const std::string& stage(const std::string& stage) const;

  // Return the stem of TABLE as created for STAGE ("ProdUsers"); throw
  // slam::Error when the config has no such stage or table.
  const std::string& table(const std::string& stage,
                           const std::string& table) const;

  // Return the stem of SCHEDULE as created for STAGE ("ProdNightly"); throw
  // slam::Error when the config has no such schedule for that stage.
  const std::string& schedule(const std::string& stage,
                              const std::string& schedule) const;

private:
  std::map<std::string, std::string> m_stages;
  std::map<std::pair<std::string, std::string>, std::string> m_tables;
  std::map<std::pair<std::string, std::string>, std::string> m_schedules;
};

} // namespace slam::cfn
