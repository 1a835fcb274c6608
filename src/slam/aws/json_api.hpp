#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace slam::aws {

class Session;

// Call OPERATION of SERVICE, an API of the JSON 1.1 protocol (CloudWatch
// Logs), whose X-Amz-Target is TARGET_PREFIX.OPERATION, with INPUT as the
// body, and return the JSON answer. Throw AwsError for an error answer and
// slam::Error when the answer is not JSON.
nlohmann::json call_json_api(Session& session,
                             std::string_view service,
                             std::string_view target_prefix,
                             std::string_view operation,
                             const nlohmann::json& input);

} // namespace slam::aws
