#pragma once

#include "slam/cfn/intrinsics.hpp"
#include "slam/config/config.hpp"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace slam::cfn {

// A deployed stack's outputs, by output key.
using StackOutputs = std::map<std::string, std::string>;

// One labelled value that `status` shows for a stage ("url", "https://...").
struct StatusLine
{
  std::string label;
  std::string value;

  bool operator==(const StatusLine&) const = default;
};

// A built-in plugin: one slam.yaml section that adds to the template.
class Plugin
{
public:
  virtual ~Plugin() = default;

  // Return the plugin's name, which is also its slam.yaml section.
  virtual std::string_view name() const = 0;

  // Return whether CONFIG uses this plugin.
  virtual bool enabled(const config::Config& config) const = 0;

  // Return the section `init` writes when the user asks for this plugin.
  virtual Json default_section() const = 0;

  // Return what in this plugin's section of CONFIG the template cannot
  // express, one message per problem, empty when nothing.
  virtual std::vector<std::string>
  validate(const config::Config& config) const = 0;

  // Add this plugin's parameters, resources, role policies and outputs to
  // STACK_TEMPLATE, which already has the core ones.
  virtual void extend_template(const config::Config& config,
                               Json& stack_template) const = 0;

  // Return what `status` shows about STAGE, given the stack's OUTPUTS.
  virtual std::vector<StatusLine>
  status_lines(const config::Config& config,
               const std::string& stage,
               const StackOutputs& outputs) const = 0;
};

// Return the built-in plugins, in the order they extend the template.
const std::vector<std::unique_ptr<Plugin>>& builtin_plugins();

} // namespace slam::cfn
