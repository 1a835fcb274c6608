#pragma once

#include "slam/cfn/intrinsics.hpp"
#include "slam/config/config.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace slam::cfn {

// The version of the stdin/stdout protocol of external plugins
// (docs/plugins.md).
constexpr int k_plugin_protocol = 1;

// How long an external plugin may run before Slam stops it.
constexpr std::chrono::seconds k_plugin_timeout{60};

// Return the program of external plugin NAME: an executable
// "slam-plugin-NAME" in PROJECT_DIR, else one on PATH.
std::optional<std::filesystem::path>
find_external_plugin(const std::string& name,
                     const std::filesystem::path& project_dir);

// Return a problem for each plugin CONFIG lists that cannot be found.
std::vector<std::string> check_external_plugins(const config::Config& config);

// Return what external plugin NAME reads on stdin for STACK_TEMPLATE: the
// protocol version, the plugin name, the project folder, the plugin's own
// slam.yaml section and the whole slam.yaml as JSON, each stage with its
// logical id stem and the ids of its alias and version parameter, the logical
// ids of the core resources, and the template.
Json plugin_request(const std::string& name,
                    const config::Config& config,
                    const Json& stack_template);

// Run external plugin NAME on STACK_TEMPLATE in the project folder and add
// the Resources, Outputs and Conditions it answers with on stdout to
// STACK_TEMPLATE; pass on what it writes to stderr. Throw slam::Error naming
// the plugin when it cannot be found or started, exits with a non-zero
// status (its stderr is shown), runs longer than TIMEOUT, answers with
// something other than such a JSON object, or adds a logical id the
// template already has.
void run_external_plugin(const std::string& name,
                         const config::Config& config,
                         Json& stack_template,
                         std::chrono::milliseconds timeout = k_plugin_timeout);

} // namespace slam::cfn
