#pragma once

#include "slam/config/config.hpp"
#include "slam/local/invoker.hpp"

#include <optional>
#include <string>

namespace slam::local {

// Return why API Gateway (or a function URL, by API) answers RESULT with
// its own error instead of the function's response, in the words of its
// execution log where it has them ("Malformed Lambda proxy response:
// statusCode is not an integer from 100 to 599"), or nothing when the
// function's response goes through.
std::optional<std::string> gateway_failure(const InvocationResult& result,
                                           config::Api api);

// Return the serve log line for the gateway's own STATUS answer to the
// request REQUEST_ID, which failed for REASON.
std::string gateway_failure_line(int status,
                                 const std::string& request_id,
                                 const std::string& reason);

} // namespace slam::local
