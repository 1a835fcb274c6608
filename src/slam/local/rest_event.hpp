#pragma once

#include "slam/local/event_context.hpp"
#include "slam/local/http_exchange.hpp"

#include <nlohmann/json.hpp>

namespace slam::local {

// Return the event an API Gateway REST API (payload 1.0, Lambda proxy
// integration) sends for REQUEST through slam's template: the root
// resource "/" or "/{proxy+}", every header and query parameter in a
// last-wins map and a multi-value map, the stage variable STAGE, and the
// body as base64, since the template's binary media type "*/*" matches
// every request.
nlohmann::json rest_event(const HttpRequest& request,
                          const EventContext& context);

} // namespace slam::local
