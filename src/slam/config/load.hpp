#pragma once

#include "slam/config/config.hpp"

#include <filesystem>
#include <string>

namespace slam::config {

// Read and validate the config file at PATH. Throw slam::Error when it
// cannot be read, ConfigError (exit 2) listing every problem otherwise.
Config load_config(const std::filesystem::path& path);

// Validate TEXT as the content of a config file named LABEL in
// PROJECT_DIR; the same checks as load_config.
Config parse_config(const std::string& text,
                    const std::string& label,
                    const std::filesystem::path& project_dir);

} // namespace slam::config
