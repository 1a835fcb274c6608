#pragma once

#include "slam/aws/session.hpp"
#include "slam/config/config.hpp"

namespace slam::deploy {

// What `slam delete` was asked for.
struct RemoveOptions
{
  bool keep_logs = false; // --no-logs
};

// Delete the project's stack, its log groups unless OPTIONS.keep_logs
// (the function's, which the stack owns, and the execution logs API
// Gateway made for its stages), every package and template it uploaded, and the
// bucket when Slam created it for this project, the user did not name it,
// and it is then empty. Deleting what is not deployed says so, removes
// leftover packages, and succeeds.
void remove_deployment(const config::Config& config,
                       aws::Session& session,
                       const RemoveOptions& options = {});

} // namespace slam::deploy
