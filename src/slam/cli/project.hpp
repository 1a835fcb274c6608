#pragma once

#include "slam/aws/session.hpp"
#include "slam/cli/command.hpp"
#include "slam/config/config.hpp"

namespace slam::cli {

// Return the validated config named by -c (default slam.yaml).
config::Config load_project(const GlobalOptions& global);

// Return an AWS session from the global options, falling back to the
// config's aws.region.
aws::Session open_session(const GlobalOptions& global,
                          const config::Config& config);

} // namespace slam::cli
