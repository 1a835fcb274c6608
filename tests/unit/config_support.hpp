#pragma once

#include "slam/config/diagnostics.hpp"
#include "slam/config/load.hpp"

#include <string>

namespace slam::config::testing {

// The smallest valid config.
inline const char* const k_minimal = R"(name: "shop"
function:
  module: "app"
  app: "app"
)";

// Return the message of the ConfigError that TEXT raises ("" if none).
inline std::string config_error(const std::string& text)
{
  try {
    parse_config(text, "slam.yaml", "/project");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

} // namespace slam::config::testing
