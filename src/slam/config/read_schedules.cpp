#include "slam/config/names.hpp"
#include "slam/config/schedule_expression.hpp"
#include "slam/config/sections.hpp"

#include <fmt/core.h>

namespace slam::config {
namespace {

// EventBridge's limits on a rule's input and description.
constexpr std::size_t k_max_input = 8192;
constexpr std::size_t k_max_description = 512;

void read_expression(MapReader& reader, Schedule& schedule)
{
  auto expression = reader.string("expression");
  if (!expression) {
    reader.error(fmt::format("schedule '{}' needs an 'expression', such as "
                             "\"rate(1 hour)\" or \"cron(0 3 * * ? *)\"",
                             schedule.name));
    return;
  }
  if (auto problem = check_schedule_expression(*expression)) {
    reader.diagnostics().error(
        *reader.node("expression"),
        fmt::format("expression '{}' {}", *expression, *problem));
  }
  schedule.expression = *expression;
}

// Read "stage: prod" or "stage: [dev, prod]"; the devstage by default.
void read_schedule_stages(MapReader& reader,
                          const Config& config,
                          Schedule& schedule)
{
  auto stages = reader.string_list("stage");
  if (!stages) {
    schedule.stages = {config.devstage};
    return;
  }
  for (const auto& stage : *stages) {
    if (config.find_stage(stage) == nullptr) {
      reader.diagnostics().error(
          *reader.node("stage"),
          fmt::format("stage '{}' of schedule '{}' is not one of the stages "
                      "in stage_environments",
                      stage,
                      schedule.name));
    }
  }
  schedule.stages = *stages;
}

// Return whether INPUT is a direct invocation the handler runs:
// {"args": [...], "kwargs": {...}}, either key optional, not both.
bool is_direct_invocation(const nlohmann::json& input)
{
  if (!input.is_object() || input.empty()) {
    return false;
  }
  for (const auto& [key, value] : input.items()) {
    bool fits = (key == "args" && value.is_array()) ||
                (key == "kwargs" && value.is_object());
    if (!fits) {
      return false;
    }
  }
  return true;
}

void read_input(MapReader& reader, Schedule& schedule)
{
  auto node = reader.node("input");
  if (!node) {
    return;
  }
  schedule.input = to_json(*node);
  if (!is_direct_invocation(schedule.input)) {
    reader.diagnostics().error(
        *node,
        fmt::format("input of schedule '{}' must be a mapping with a list "
                    "in 'args' and/or a mapping in 'kwargs', the call the "
                    "function gets",
                    schedule.name));
    return;
  }
  if (schedule.input.dump().size() > k_max_input) {
    reader.diagnostics().error(
        *node,
        fmt::format("input of schedule '{}' must be at most {} characters "
                    "as JSON (EventBridge's limit)",
                    schedule.name,
                    k_max_input));
  }
}

Schedule read_schedule(const YAML::Node& name,
                       const YAML::Node& node,
                       const Config& config,
                       Diagnostics& diagnostics)
{
  Schedule schedule;
  schedule.name = name.as<std::string>("");
  if (auto problem = check_schedule_name(schedule.name)) {
    diagnostics.error(name,
                      fmt::format("schedule '{}' {}", schedule.name, *problem));
  }
  MapReader reader(
      node, fmt::format("schedule '{}'", schedule.name), diagnostics);
  read_expression(reader, schedule);
  read_schedule_stages(reader, config, schedule);
  read_input(reader, schedule);
  schedule.description = reader.string("description").value_or("");
  if (schedule.description.size() > k_max_description) {
    diagnostics.error(*reader.node("description"),
                      fmt::format("description of schedule '{}' must be at "
                                  "most {} characters",
                                  schedule.name,
                                  k_max_description));
  }
  schedule.enabled = reader.boolean("enabled").value_or(true);
  reader.warn_unknown_keys();
  return schedule;
}

} // namespace

void read_schedules(MapReader& root, Config& config)
{
  auto node = root.node("schedules");
  if (!node) {
    return;
  }
  if (!node->IsMap()) {
    root.diagnostics().error(*node,
                             "schedules must be a mapping of schedule names "
                             "to definitions (expression, stage, input)");
    return;
  }
  for (const auto& entry : *node) {
    config.schedules.push_back(
        read_schedule(entry.first, entry.second, config, root.diagnostics()));
  }
}

} // namespace slam::config
