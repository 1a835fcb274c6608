#include "slam/cfn/plugins/schedules.hpp"

#include "slam/cfn/logical_ids.hpp"
#include "slam/cfn/resource_names.hpp"
#include "slam/config/schedule_expression.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace slam::cfn {
namespace {

std::string rule_resource_of(const std::string& schedule_id)
{
  return schedule_id + "Schedule";
}

std::string permission_resource_of(const std::string& schedule_id)
{
  return schedule_id + "SchedulePermission";
}

Json rule(const config::Schedule& schedule,
          const std::string& stage,
          const std::string& stage_id)
{
  auto description =
      schedule.description.empty()
          ? fmt::format("Schedule '{}' of stage '{}'", schedule.name, stage)
          : schedule.description;
  // A target id need only be unique within its rule, which has one.
  Json target = {{"Id", "StageAlias"},
                 {"Arn", ref_to(alias_resource(stage_id))},
                 {"Input", schedule.input.dump()}};
  return {{"Type", "AWS::Events::Rule"},
          {"Properties",
           {{"Description", description},
            {"ScheduleExpression", schedule.expression},
            {"State", schedule.enabled ? "ENABLED" : "DISABLED"},
            {"Targets", Json::array({target})}}}};
}

Json permission(const std::string& stage_id, const std::string& rule_id)
{
  return {{"Type", "AWS::Lambda::Permission"},
          {"Properties",
           {{"Action", "lambda:InvokeFunction"},
            {"FunctionName", ref_to(alias_resource(stage_id))},
            {"Principal", "events.amazonaws.com"},
            {"SourceArn", get_att(rule_id, "Arn")}}}};
}

std::vector<std::string> check_schedule(const config::Config& config,
                                        const config::Schedule& schedule)
{
  std::vector<std::string> problems;
  if (auto problem = config::check_schedule_expression(schedule.expression)) {
    problems.push_back(fmt::format("schedules.{}: expression '{}' {}",
                                   schedule.name,
                                   schedule.expression,
                                   *problem));
  }
  if (schedule.stages.empty()) {
    problems.push_back(
        fmt::format("schedules.{}: name at least one stage", schedule.name));
  }
  for (const auto& stage : schedule.stages) {
    if (config.find_stage(stage) == nullptr) {
      problems.push_back(
          fmt::format("schedules.{}: stage '{}' is not a stage of this "
                      "project",
                      schedule.name,
                      stage));
    }
  }
  return problems;
}

} // namespace

bool SchedulesPlugin::enabled(const config::Config& config) const
{
  return !config.schedules.empty();
}

std::string SchedulesPlugin::init_section(const InitChoices& /*choices*/) const
{
  return R"yaml(
# schedules plugin: EventBridge rules that invoke a stage on a schedule.
# expression is "rate(VALUE UNIT)" (rate(1 hour), rate(5 minutes)) or
# "cron(MINUTES HOURS DAY-OF-MONTH MONTH DAY-OF-WEEK YEAR)" in UTC, with "?"
# in one of the day fields (cron(0 3 * * ? *)). stage is one stage or a
# list (default: the devstage). input is the event the function gets; by
# default {"args": [], "kwargs": {}}, which calls a plain function with no
# arguments. enabled: false keeps a rule but stops it firing.
# schedules:
#   nightly:
#     expression: "cron(0 3 * * ? *)"
#     stage: "prod"
#     input: {"kwargs": {"full": true}}
#     description: "Nightly clean-up"
#     enabled: true
)yaml";
}

std::vector<std::string>
SchedulesPlugin::validate(const config::Config& config) const
{
  std::vector<std::string> problems;
  for (const auto& schedule : config.schedules) {
    for (auto& problem : check_schedule(config, schedule)) {
      problems.push_back(std::move(problem));
    }
  }
  return problems;
}

void SchedulesPlugin::extend_template(const config::Config& config,
                                      Json& stack_template) const
{
  LogicalIds ids(config);
  auto& resources = stack_template["Resources"];
  for (const auto& schedule : config.schedules) {
    for (const auto& stage : schedule.stages) {
      const auto& stage_id = ids.stage(stage);
      const auto& schedule_id = ids.schedule(stage, schedule.name);
      auto rule_id = rule_resource_of(schedule_id);
      add_unique(resources, rule_id, rule(schedule, stage, stage_id));
      add_unique(resources,
                 permission_resource_of(schedule_id),
                 permission(stage_id, rule_id));
    }
  }
}

std::vector<StatusLine>
SchedulesPlugin::status_lines(const config::Config& config,
                              const std::string& stage,
                              const StackOutputs& /*outputs*/) const
{
  std::string text;
  for (const auto& schedule : config.schedules) {
    if (std::find(schedule.stages.begin(), schedule.stages.end(), stage) ==
        schedule.stages.end()) {
      continue;
    }
    text += fmt::format("{}{} {}{}",
                        text.empty() ? "" : ", ",
                        schedule.name,
                        schedule.expression,
                        schedule.enabled ? "" : " (disabled)");
  }
  if (text.empty()) {
    return {};
  }
  return {{"schedules", text}};
}

std::string schedule_resource(const config::Config& config,
                              const std::string& stage,
                              const std::string& schedule)
{
  return rule_resource_of(LogicalIds(config).schedule(stage, schedule));
}

} // namespace slam::cfn
