#include "slam/aws/lambda.hpp"

#include "slam/aws/error.hpp"
#include "slam/aws/session.hpp"
#include "slam/aws/uri.hpp"

#include <fmt/core.h>

namespace slam::aws {

std::optional<nlohmann::json> Lambda::get_function(const std::string& name)
{
  ServiceRequest request;
  request.service = "lambda";
  request.operation = "GetFunction";
  request.path = "/2015-03-31/functions/" + uri_encode(name);
  try {
    auto response = m_session.send(request);
    auto json = nlohmann::json::parse(response.body, nullptr, false);
    if (json.is_discarded()) {
      throw Error("lambda GetFunction: the answer is not JSON");
    }
    return json;
  } catch (const AwsError& error) {
    if (error.code() == "ResourceNotFoundException") {
      return std::nullopt;
    }
    throw;
  }
}

} // namespace slam::aws
