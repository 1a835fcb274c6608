#pragma once

#include "slam/package/build_snapshot.hpp"
#include "slam/package/package.hpp"

#include <optional>
#include <string>

// The fast way to rebuild a package (see build_snapshot.hpp): when the
// snapshot of the last build still holds for everything but the content
// of some project files, rewrite only their entries and the end of the
// zip. Anything else (the config, Slam itself, the environment, the
// requirements, a file added, removed or renamed anywhere, a dependency
// changed) sends the build the long way, which gives the same bytes.

namespace slam::package {

// Return the key of CONFIG's build: what decides the package besides the
// inputs a build records (this Slam binary and version, the config
// file's bytes, slam_config.json, the working folder, the environment
// variables that steer Python and the zip's settings).
std::string snapshot_key(const config::Config& config);

// Build CONFIG's package the fast way when its snapshot allows, telling
// the messages the build it saves told; return nothing (having changed
// nothing) when the build must take the long way.
std::optional<BuildResult> fast_build(const config::Config& config,
                                      const BuildOptions& options);

} // namespace slam::package
