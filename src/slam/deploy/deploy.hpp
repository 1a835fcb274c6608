#pragma once

#include "slam/aws/session.hpp"
#include "slam/config/config.hpp"

#include <string>

namespace slam::deploy {

// What `slam deploy` was asked for.
struct DeployOptions
{
  std::string stage;          // empty: the devstage
  std::string lambda_package; // a prebuilt zip instead of building
  bool no_lambda = false;     // keep the deployed package
  bool rebuild_deps = false;
  bool plan = false; // show the change set and change nothing
};

// Build, upload and create or update the project's stack (or, with
// OPTIONS.plan, print what that would change); throw slam::Error when the
// stack operation fails.
void deploy(const config::Config& config,
            aws::Session& session,
            const DeployOptions& options);

// Return STAGE, or the devstage when empty; throw UsageError naming the
// known stages when it is not one of them.
std::string resolve_stage(const config::Config& config,
                          const std::string& stage);

} // namespace slam::deploy
