#pragma once

#include <string>
#include <vector>

namespace slam::config {

// What `slam init` was asked for.
struct InitOptions
{
  std::string module;
  std::string app;
  std::string name;
  std::string description = "Deployed with slam.";
  std::string bucket;
  std::string requirements = "requirements.txt"; // empty: none yet
  std::string runtime = "python3.12";
  int timeout = 10;
  int memory = 128;
  std::vector<std::string> stages{"dev"}; // the first is the devstage
};

// Return the core of the commented slam.yaml that `slam init` writes; the
// built-in plugins' sections follow it (cfn::render_init_sections).
std::string render_init_file(const InitOptions& options);

// Return VALUE as a double-quoted YAML scalar, escaped as needed.
std::string yaml_quote(const std::string& value);

} // namespace slam::config
