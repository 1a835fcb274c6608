#pragma once

#include "slam/cfn/plugin.hpp"

#include <string>

namespace slam::cfn {

// The schedules plugin: for each schedule and each stage it names, an
// EventBridge rule that invokes the stage's alias on the schedule's cron
// or rate expression with the schedule's input as the event, and the
// permission that lets EventBridge, for that rule only, invoke the alias.
class SchedulesPlugin : public Plugin
{
public:
  std::string_view name() const override { return "schedules"; }
  bool enabled(const config::Config& config) const override;
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

// Return the logical id of the rule of SCHEDULE for STAGE in CONFIG's
// template ("ProdNightlySchedule").
std::string schedule_resource(const config::Config& config,
                              const std::string& stage,
                              const std::string& schedule);

} // namespace slam::cfn
