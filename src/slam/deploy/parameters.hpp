#pragma once

#include "slam/aws/cloudformation.hpp"
#include "slam/config/config.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace slam::deploy {

using Parameters = std::vector<std::pair<std::string, std::string>>;

// The version every stage starts at, and the one `deploy` points at.
inline constexpr const char* k_latest = "$LATEST";

// Return the stack parameters for a deploy of STAGE: the package location,
// STAGE at $LATEST, every other stage at the version it has in EXISTING
// (or $LATEST when new). Every parameter is passed explicitly, never as
// "use previous value", so a stage added to slam.yaml gets a value too.
Parameters stack_parameters(const config::Config& config,
                            const std::optional<aws::Stack>& existing,
                            const std::string& stage,
                            const std::string& bucket,
                            const std::string& key);

// Return true when VERSION is a published version number, not $LATEST.
bool is_version_number(const std::string& version);

// Return the value of parameter NAME in STACK, if present.
std::optional<std::string> parameter(const aws::Stack& stack,
                                     const std::string& name);

// Return the version STAGE points at in STACK, or nothing when the stack
// predates the stage.
std::optional<std::string> stage_version(const config::Config& config,
                                         const aws::Stack& stack,
                                         const std::string& stage);

// Return every parameter of STACK at its current value, except NAME,
// which is set to VALUE: the parameters of an update that changes only
// NAME. (moto rejects "use previous value" for a parameter left at its
// default, so every value is passed explicitly.)
Parameters parameters_with(const aws::Stack& stack,
                           const std::string& name,
                           const std::string& value);

} // namespace slam::deploy
