#pragma once

// A small project with stages dev and prod-eu, for tests that read one
// more section of slam.yaml.

#include "slam/config/diagnostics.hpp"
#include "slam/config/load.hpp"

#include <string>

namespace slam::test {

inline const char* const k_stage_project = R"(name: "shop"
function:
  module: "app"
  app: "app"
stage_environments:
  dev:
  prod-eu:
)";

// Return the project's config with MORE appended to its slam.yaml.
inline config::Config load_stage_project(const std::string& more)
{
  return config::parse_config(
      std::string(k_stage_project) + more, "slam.yaml", "/project");
}

// Return the message of the ConfigError that MORE raises ("" if none).
inline std::string stage_project_error(const std::string& more)
{
  try {
    load_stage_project(more);
  } catch (const config::ConfigError& error) {
    return error.what();
  }
  return "";
}

} // namespace slam::test
