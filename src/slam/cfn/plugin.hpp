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

// An option a plugin adds to `slam init`.
struct InitOption
{
  std::string name;       // without the dashes: "dynamodb-tables"
  std::string help;       // one line for --help
  std::string value_name; // empty for a flag that takes no value
  // Other options of the same plugin it cannot be combined with.
  std::vector<std::string> excludes;

  bool operator==(const InitOption&) const = default;
};

// The plugin options given to `slam init`, by name; a flag maps to "".
using InitChoices = std::map<std::string, std::string>;

// A built-in plugin: one part of slam.yaml that adds to the template.
class Plugin
{
public:
  virtual ~Plugin() = default;

  // Return the plugin's name; most plugins read the slam.yaml section of
  // that name (the front doors share the wsgi section).
  virtual std::string_view name() const = 0;

  // Return whether CONFIG uses this plugin.
  virtual bool enabled(const config::Config& config) const = 0;

  // Return the options this plugin adds to `slam init`.
  virtual std::vector<InitOption> init_options() const { return {}; }

  // Return the commented slam.yaml text `init` writes for this plugin given
  // the plugin options in CHOICES: its default section when asked for, a
  // commented-out example or nothing when not. Throw slam::UsageError for a
  // bad option value.
  virtual std::string init_section(const InitChoices& /*choices*/) const
  {
    return "";
  }

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

// Return the status line LABEL with the stack output KEY, none when the
// stack has no such output (not deployed yet, or deployed without it).
std::vector<StatusLine> output_status_line(const StackOutputs& outputs,
                                           const std::string& key,
                                           const std::string& label);

// Return the built-in plugins, in the order they extend the template.
const std::vector<std::unique_ptr<Plugin>>& builtin_plugins();

// Return the status lines of STAGE from every plugin CONFIG enables, in
// plugin order, given the stack's OUTPUTS.
std::vector<StatusLine> status_lines(const config::Config& config,
                                     const std::string& stage,
                                     const StackOutputs& outputs);

// Return the plugin sections `slam init` writes for CHOICES, in plugin
// order. Throw slam::UsageError for a bad option value.
std::string render_init_sections(const InitChoices& choices);

// Add RESOURCE to SECTION (Resources or Outputs) as ID. Throw
// slam::UsageError when a stage, table or schedule name made an id that is
// already taken.
void add_unique(Json& section, const std::string& id, Json resource);

} // namespace slam::cfn
