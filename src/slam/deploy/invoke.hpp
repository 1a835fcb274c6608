#pragma once

#include "slam/aws/lambda.hpp"
#include "slam/aws/session.hpp"
#include "slam/config/config.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace slam::deploy {

// What `slam invoke` was asked for.
struct InvokeOptions
{
  std::vector<std::string> arguments; // name=value and name:=json
  std::string stage;                  // empty: the devstage
  bool nowait = false;                // Event: queue and return
  bool dry_run = false;               // DryRun: check permission only
};

// Return the direct-invocation event {"kwargs": {...}} for ARGUMENTS:
// name=value gives a string, name:=json any JSON value. Throw UsageError
// quoting the argument when one has neither form, names an invalid or
// repeated keyword, or holds invalid JSON.
nlohmann::json invocation_event(const std::vector<std::string>& arguments);

// Invoke the function at the alias of OPTIONS' stage with the event of
// its arguments, and return the answer; a function error is part of the
// answer, not an exception.
aws::Invocation invoke(const config::Config& config,
                       aws::Session& session,
                       const InvokeOptions& options);

// Return PAYLOAD (a JSON result) indented for reading, or as it is when it
// is not JSON.
std::string render_result(const std::string& payload);

// Return the error PAYLOAD of a failed invocation as Python prints an
// uncaught exception: the traceback from its stackTrace, then
// "errorType: errorMessage". A payload that is not a Lambda error object
// is returned as it is.
std::string render_function_error(const std::string& payload);

} // namespace slam::deploy
