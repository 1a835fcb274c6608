#pragma once

#include "slam/aws/uri.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace slam::aws {

class Session;

// Call ACTION of SERVICE, an API of the query protocol (CloudFormation,
// STS) at API VERSION, with PARAMS as a form body, and return the XML
// answer. Throw AwsError for an error answer.
std::string call_query_api(Session& session,
                           std::string_view service,
                           std::string_view version,
                           std::string_view action,
                           const QueryParams& params);

// Append LIST to PARAMS as NAME.member.1, NAME.member.2, ... (the query
// protocol's lists).
void add_member_list(QueryParams& params,
                     std::string_view name,
                     const std::vector<std::string>& list);

} // namespace slam::aws
