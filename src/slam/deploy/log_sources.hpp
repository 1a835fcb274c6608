#pragma once

#include "slam/aws/stack.hpp"
#include "slam/config/config.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slam::deploy {

// A log group that `slam logs` reads, and which of its streams belong to
// the stage.
struct LogSource
{
  std::string group;
  std::string kind;    // "lambda" or "api", the start of each event's label
  std::string version; // keep only Lambda streams of this version; empty: all

  friend bool operator==(const LogSource&, const LogSource&) = default;
};

// Return the version in a Lambda log stream name ("3" for
// "2024/01/31/[3]0123abcd..."), or nothing when it has no "[VERSION]".
std::optional<std::string> stream_version(std::string_view stream);

// Return whether events of STREAM belong to what SOURCE shows.
bool keeps_stream(const LogSource& source, std::string_view stream);

// Return the short label of an event of STREAM in SOURCE: the kind and the
// first characters of the stream's id ("lambda/0123abcd").
std::string stream_label(const LogSource& source, std::string_view stream);

// Return the log group API Gateway itself writes the execution logs of
// STAGE of the REST API API_ID to; no stack owns it.
std::string api_execution_log_group(const std::string& api_id,
                                    const std::string& stage);

// Return the id of the REST API in STACK, from its outputs, or nothing
// when it has none.
std::optional<std::string> rest_api_id(const aws::Stack& stack);

// Return the log groups of STAGE in the deployed STACK: the function's,
// kept to the stage's version, and the API's execution logs of the stage
// when the stack has an API. Throw slam::Error when STAGE has no version
// in STACK.
std::vector<LogSource> log_sources(const config::Config& config,
                                   const std::string& stage,
                                   const aws::Stack& stack);

} // namespace slam::deploy
