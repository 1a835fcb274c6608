#pragma once

#include "slam/aws/session.hpp"
#include "slam/config/config.hpp"

namespace slam::deploy {

// Delete the project's stack (which owns its log groups) and the packages
// it uploaded; remove the bucket too when Slam named it and it is empty.
// Deleting what is not deployed says so and succeeds.
void remove_deployment(const config::Config& config, aws::Session& session);

} // namespace slam::deploy
