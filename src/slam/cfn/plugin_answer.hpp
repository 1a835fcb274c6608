#pragma once

#include "slam/cfn/intrinsics.hpp"

#include <string>

namespace slam::cfn {

// Add the sections of ANSWER, what external plugin NAME wrote on stdout, to
// STACK_TEMPLATE: a JSON object whose optional Resources, Outputs and
// Conditions each map new logical ids to definitions (a resource needs a
// Type, an output a Value). Throw slam::Error naming the plugin when ANSWER
// has another shape or a logical id the template already has (resources
// also share ids with parameters); STACK_TEMPLATE is then unchanged.
void merge_plugin_answer(const std::string& name,
                         const Json& answer,
                         Json& stack_template);

} // namespace slam::cfn
