#include "slam/cfn/plugin.hpp"

#include "slam/cfn/plugins/dynamodb_tables.hpp"
#include "slam/cfn/plugins/function_url.hpp"
#include "slam/cfn/plugins/http_api.hpp"
#include "slam/cfn/plugins/schedules.hpp"
#include "slam/cfn/plugins/wsgi.hpp"
#include "slam/util/error.hpp"

#include <fmt/core.h>

namespace slam::cfn {

const std::vector<std::unique_ptr<Plugin>>& builtin_plugins()
{
  static const auto plugins = [] {
    std::vector<std::unique_ptr<Plugin>> list;
    list.push_back(std::make_unique<WsgiPlugin>());
    list.push_back(std::make_unique<HttpApiPlugin>());
    list.push_back(std::make_unique<FunctionUrlPlugin>());
    list.push_back(std::make_unique<DynamoDbTablesPlugin>());
    list.push_back(std::make_unique<SchedulesPlugin>());
    return list;
  }();
  return plugins;
}

std::vector<StatusLine> output_status_line(const StackOutputs& outputs,
                                           const std::string& key,
                                           const std::string& label)
{
  auto it = outputs.find(key);
  if (it == outputs.end()) {
    return {};
  }
  return {{label, it->second}};
}

std::vector<StatusLine> status_lines(const config::Config& config,
                                     const std::string& stage,
                                     const StackOutputs& outputs)
{
  std::vector<StatusLine> lines;
  for (const auto& plugin : builtin_plugins()) {
    if (plugin->enabled(config)) {
      for (auto& line : plugin->status_lines(config, stage, outputs)) {
        lines.push_back(std::move(line));
      }
    }
  }
  return lines;
}

std::string render_init_sections(const InitChoices& choices)
{
  std::string text;
  for (const auto& plugin : builtin_plugins()) {
    text += plugin->init_section(choices);
  }
  return text;
}

void add_unique(Json& section, const std::string& id, Json resource)
{
  if (section.contains(id)) {
    throw UsageError(
        fmt::format("two parts of the template need the logical id "
                    "'{}'; rename the stage, table or schedule that "
                    "makes it",
                    id));
  }
  section[id] = std::move(resource);
}

} // namespace slam::cfn
