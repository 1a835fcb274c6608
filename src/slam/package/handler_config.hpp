#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace slam::config {
struct Config;
}

namespace slam::package {

// The name of the handler's configuration at the package root.
inline constexpr const char* k_handler_config_name = "slam_config.json";

// Return what slam_handler.py needs to know at run time, as it reads it
// from slam_config.json:
//   {"version": 1, "name", "module", "app",
//    "interface": "wsgi" | "asgi" | "function" | "detect",
//    "devstage", "environment": {K: V}, "stages": {stage: {K: V}},
//    "http": {"base_path", "text_types": [...], "binary_types": [...]}}
// (docs/adapter.md). "http" is always there, with the defaults "", [] and
// [] when slam.yaml leaves the wsgi keys out. A variable set twice keeps
// its last value, as in slam.yaml.
nlohmann::json handler_config(const config::Config& config);

// Return CONFIG as the file slam_config.json: indented, keys sorted,
// non-ASCII escaped, with a final newline.
std::string handler_config_file(const nlohmann::json& config);

} // namespace slam::package
