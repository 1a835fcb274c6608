#pragma once

#include <chrono>
#include <string>

namespace slam::local {

// Return a random version 4 UUID ("deef4878-7910-41e6-8f14-25afc3e9ae33"),
// the form of a REST API's request id.
std::string random_uuid();

// Return a random id in the form API Gateway gives its extended request
// id and an HTTP API's request id: 15 base64 characters and '='
// ("TWegAcC4EowCHnA=").
std::string random_extended_id();

// Return an X-Ray trace header value for a request that arrived at TIME
// ("Root=1-5e9f0c65-1de4d666d4dd26aced652b6c").
std::string random_trace_id(std::chrono::system_clock::time_point time);

// Return the trace header the runtime API gives a function now, with a
// parent segment ("Root=1-...;Parent=53995c3f42cd8ad8;Sampled=0").
std::string random_function_trace_id();

} // namespace slam::local
