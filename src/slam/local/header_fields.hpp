#pragma once

#include "slam/local/http_exchange.hpp"

#include <string>
#include <string_view>

namespace slam::local {

// Return NAME in lower case (ASCII).
std::string lower_case(std::string_view name);

// Return whether header names A and B are the same (case-insensitive).
bool same_header(std::string_view a, std::string_view b);

// Return the value of the last field named NAME in FIELDS, or nullptr.
const std::string* last_value(const HeaderFields& fields,
                              std::string_view name);

// Return whether NAME: VALUE can be written as one header field: NAME a
// token (RFC 9110 5.6.2), VALUE without CR, LF or NUL, which would end
// the field early (response splitting).
bool writable_field(std::string_view name, std::string_view value);

// Return whether NAME is a hop-by-hop header (RFC 9110 7.6.1), which a
// proxy such as API Gateway neither forwards nor passes back.
bool is_hop_by_hop(std::string_view name);

// Return FIELDS without the hop-by-hop headers, nor those that a
// Connection header names.
HeaderFields without_hop_by_hop(const HeaderFields& fields);

// Return the headers API Gateway passes on for REQUEST: the client's,
// without hop-by-hop ones, with the client's address appended to
// X-Forwarded-For and X-Forwarded-Port, X-Forwarded-Proto and
// X-Amzn-Trace-Id set as the front door saw the request (plain HTTP on
// its port).
HeaderFields forwarded_headers(const HttpRequest& request);

// Return whether the media type of CONTENT_TYPE is text by Lambda's
// rule for function URLs and HTTP APIs: text/*, the JSON, XML, YAML,
// JavaScript and form types, and +json, +xml and +yaml subtypes.
bool is_text_media_type(std::string_view content_type);

} // namespace slam::local
