#pragma once

#include "slam/aws/session.hpp"
#include "slam/aws/stack.hpp"
#include "slam/config/config.hpp"

#include <set>
#include <string>

namespace slam::deploy {

// Return the keys of the packages the stages of STACK use: LambdaS3Key for
// stages at $LATEST, and for each stage at a published version the package
// whose SHA-256 matches that version's CodeSha256 in Lambda. Lambda keeps
// each version's hash, so no record of where a version came from is needed.
std::set<std::string> packages_in_use(const config::Config& config,
                                      aws::Session& session,
                                      const aws::Stack& stack);

} // namespace slam::deploy
