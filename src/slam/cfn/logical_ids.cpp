#include "slam/cfn/logical_ids.hpp"

#include "slam/cfn/logical_id.hpp"
#include "slam/util/error.hpp"

#include <fmt/core.h>
#include <set>

namespace slam::cfn {
namespace {

// Return STEM, or when TAKEN has it already, STEM with a hash of SOURCE
// (and, should even that be taken, of SOURCE and a counter); record it.
std::string claim(std::set<std::string>& taken,
                  const std::string& stem,
                  const std::string& source)
{
  auto candidate = stem;
  for (int attempt = 0; taken.count(candidate) != 0; ++attempt) {
    auto salted = attempt == 0 ? source : fmt::format("{}#{}", source, attempt);
    auto hash = short_hash(salted);
    candidate = fit_length(stem, source, k_max_stem - hash.size()) + hash;
  }
  taken.insert(candidate);
  return candidate;
}

} // namespace

LogicalIds::LogicalIds(const config::Config& config)
{
  std::set<std::string> stage_stems;
  for (const auto& stage : config.stages) {
    m_stages[stage.name] =
        claim(stage_stems, logical_id(stage.name, k_max_stem), stage.name);
  }
  std::set<std::string> table_stems;
  for (const auto& stage : config.stages) {
    for (const auto& table : config.dynamodb_tables) {
      auto source = stage.name + "\n" + table.name;
      auto stem = fit_length(
          m_stages[stage.name] + logical_id(table.name), source, k_max_stem);
      m_tables[{stage.name, table.name}] = claim(table_stems, stem, source);
    }
  }
  std::set<std::string> schedule_stems;
  for (const auto& schedule : config.schedules) {
    for (const auto& stage : schedule.stages) {
      auto stage_id = m_stages.find(stage);
      if (stage_id == m_stages.end()) {
        continue; // validation reports the unknown stage
      }
      auto source = stage + "\n" + schedule.name;
      auto stem = fit_length(
          stage_id->second + logical_id(schedule.name), source, k_max_stem);
      m_schedules[{stage, schedule.name}] = claim(schedule_stems, stem, source);
    }
  }
}

const std::string& LogicalIds::stage(const std::string& stage) const
{
  auto it = m_stages.find(stage);
  if (it == m_stages.end()) {
    throw Error(fmt::format("stage '{}' is not in the config", stage));
  }
  return it->second;
}

const std::string& LogicalIds::table(const std::string& stage,
                                     const std::string& table) const
{
  auto it = m_tables.find({stage, table});
  if (it == m_tables.end()) {
    throw Error(fmt::format(
        "table '{}' of stage '{}' is not in the config", table, stage));
  }
  return it->second;
}

const std::string& LogicalIds::schedule(const std::string& stage,
                                        const std::string& schedule) const
{
  auto it = m_schedules.find({stage, schedule});
  if (it == m_schedules.end()) {
    throw Error(fmt::format(
        "schedule '{}' of stage '{}' is not in the config", schedule, stage));
  }
  return it->second;
}

} // namespace slam::cfn
