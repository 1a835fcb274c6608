#pragma once

#include "slam/config/config.hpp"
#include "slam/local/event_context.hpp"
#include "slam/local/http_exchange.hpp"

#include <nlohmann/json.hpp>

namespace slam::local {

// Return the payload 2.0 event that an API Gateway HTTP API (API http,
// its $default route, with the stage variable STAGE) or a Lambda function
// URL (API url) sends for REQUEST: rawPath and rawQueryString as sent,
// header names in lower case with repeats joined by commas, Cookie
// headers split into cookies, decoded query parameters joined by commas,
// and a body sent as text when it is UTF-8 and its media type is text
// or not given, else as base64.
nlohmann::json payload_v2_event(const HttpRequest& request,
                                const EventContext& context,
                                config::Api api);

} // namespace slam::local
