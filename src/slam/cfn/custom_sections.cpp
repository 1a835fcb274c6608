#include "slam/cfn/custom_sections.hpp"

#include "slam/cfn/logical_id.hpp"
#include "slam/util/error.hpp"

#include <fmt/core.h>

namespace slam::cfn {
namespace {

// Return the problems of SECTION, whose entries each need the key REQUIRED.
std::vector<std::string> check_section(const nlohmann::json& section,
                                       std::string_view section_name,
                                       std::string_view required)
{
  if (!section.is_object()) {
    return {fmt::format("aws.{} must be a mapping of logical ids to "
                        "CloudFormation definitions",
                        section_name)};
  }
  std::vector<std::string> problems;
  for (const auto& [id, definition] : section.items()) {
    if (!is_logical_id(id)) {
      problems.push_back(fmt::format("aws.{}: '{}' is not a logical id (1 "
                                     "to 255 letters and digits)",
                                     section_name,
                                     id));
    }
    if (!definition.is_object() || !definition.contains(required)) {
      problems.push_back(fmt::format(
          "aws.{}.{} must be a mapping with {}", section_name, id, required));
    }
  }
  return problems;
}

void merge_section(const nlohmann::json& custom,
                   std::string_view section_name,
                   Json& target,
                   const Json& also_taken)
{
  for (const auto& [id, definition] : custom.items()) {
    if (target.contains(id) || also_taken.contains(id)) {
      throw UsageError(fmt::format("aws.{}: '{}' is a logical id slam "
                                   "generates; give yours another name",
                                   section_name,
                                   id));
    }
    target[id] = Json(definition);
  }
}

} // namespace

std::vector<std::string> check_custom_sections(const config::Config& config)
{
  auto problems =
      check_section(config.aws.cfn_resources, "cfn_resources", "Type");
  for (auto& problem :
       check_section(config.aws.cfn_outputs, "cfn_outputs", "Value")) {
    problems.push_back(std::move(problem));
  }
  return problems;
}

void merge_custom_sections(const config::Config& config, Json& stack_template)
{
  merge_section(config.aws.cfn_resources,
                "cfn_resources",
                stack_template["Resources"],
                stack_template["Parameters"]);
  merge_section(config.aws.cfn_outputs,
                "cfn_outputs",
                stack_template["Outputs"],
                Json::object());
}

} // namespace slam::cfn
