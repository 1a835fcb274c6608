#include "slam/cfn/plugin_answer.hpp"

#include "slam/cfn/logical_id.hpp"
#include "slam/util/error.hpp"

#include <array>
#include <fmt/core.h>

namespace slam::cfn {
namespace {

// A section a plugin may add to, and the key each of its entries needs.
struct AnswerSection
{
  std::string_view name;
  std::string_view required; // empty: any object will do
};

constexpr std::array<AnswerSection, 3> k_sections = {
    {{"Resources", "Type"}, {"Outputs", "Value"}, {"Conditions", ""}}};

[[noreturn]] void refuse(const std::string& name, const std::string& reason)
{
  throw Error(fmt::format("external plugin '{}' {}", name, reason));
}

void check_keys(const std::string& name, const Json& answer)
{
  if (!answer.is_object()) {
    refuse(name,
           "must answer with a JSON object of Resources, Outputs and "
           "Conditions to add");
  }
  for (const auto& [key, value] : answer.items()) {
    bool known = false;
    for (const auto& section : k_sections) {
      known = known || key == section.name;
    }
    if (!known) {
      refuse(name,
             fmt::format("answered with the key '{}'; it may add only "
                         "Resources, Outputs and Conditions",
                         key));
    }
  }
}

// Return whether ID is taken in the template's SECTION; resources and
// parameters share one namespace.
bool is_taken(const Json& stack_template,
              std::string_view section,
              const std::string& id)
{
  auto has = [&](std::string_view name) {
    auto it = stack_template.find(std::string(name));
    return it != stack_template.end() && it->is_object() && it->contains(id);
  };
  return has(section) || (section == "Resources" && has("Parameters"));
}

void check_entry(const std::string& name,
                 const AnswerSection& section,
                 const std::string& id,
                 const Json& definition,
                 const Json& stack_template)
{
  if (!is_logical_id(id)) {
    refuse(name,
           fmt::format("added '{}' to {}, which is not a logical id (1 to "
                       "255 letters and digits)",
                       id,
                       section.name));
  }
  if (!definition.is_object() ||
      (!section.required.empty() && !definition.contains(section.required))) {
    refuse(name,
           fmt::format("added '{}' to {} without a mapping{}",
                       id,
                       section.name,
                       section.required.empty()
                           ? ""
                           : fmt::format(" with {}", section.required)));
  }
  if (is_taken(stack_template, section.name, id)) {
    refuse(name,
           fmt::format("added '{}' to {}, a logical id the template "
                       "already has; give it another name",
                       id,
                       section.name));
  }
}

void check_section(const std::string& name,
                   const AnswerSection& section,
                   const Json& entries,
                   const Json& stack_template)
{
  if (!entries.is_object()) {
    refuse(name,
           fmt::format("answered with {} that is not a mapping of logical "
                       "ids to definitions",
                       section.name));
  }
  for (const auto& [id, definition] : entries.items()) {
    check_entry(name, section, id, definition, stack_template);
  }
}

} // namespace

void merge_plugin_answer(const std::string& name,
                         const Json& answer,
                         Json& stack_template)
{
  // Check everything before changing anything.
  check_keys(name, answer);
  for (const auto& section : k_sections) {
    auto key = std::string(section.name);
    if (answer.contains(key)) {
      check_section(name, section, answer[key], stack_template);
    }
  }

  for (const auto& section : k_sections) {
    auto key = std::string(section.name);
    if (!answer.contains(key)) {
      continue;
    }
    auto& target = stack_template[key];
    if (target.is_null()) {
      target = Json::object();
    }
    for (const auto& [id, definition] : answer[key].items()) {
      target[id] = definition;
    }
  }
}

} // namespace slam::cfn
