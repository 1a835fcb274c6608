#pragma once

// Readers of each slam.yaml section, used by load.cpp only.

#include "slam/config/config.hpp"
#include "slam/config/yaml_reader.hpp"

namespace slam::config {

void read_aws(MapReader& root, Aws& aws);
void read_wsgi(MapReader& root, Wsgi& wsgi);
void read_tables(MapReader& root, std::vector<Table>& tables);
void read_package(MapReader& root, Package& package);
// Reads schedules after the stages, which they name.
void read_schedules(MapReader& root, Config& config);
void read_plugins(MapReader& root, std::vector<std::string>& plugins);

// Read a mapping of variable names to scalar values into VARIABLES.
void read_variables(const YAML::Node& node,
                    const std::string& section,
                    Diagnostics& diagnostics,
                    Variables& variables);

} // namespace slam::config
