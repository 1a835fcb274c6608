#pragma once

#include <string>
#include <string_view>

namespace slam::aws {

// Where a service's requests go.
struct Endpoint
{
  std::string scheme;    // "https" or "http"
  std::string host;      // host[:port], as sent in the Host header
  std::string base_path; // path prefix without a trailing '/', often empty
  bool custom = false;   // set by --endpoint-url or AWS_ENDPOINT_URL*

  // Return the URL of the endpoint's root, ending with '/'.
  std::string url() const;
};

// Return the endpoint of SERVICE (a signing name such as "s3" or
// "cloudformation"): OPTION (--endpoint-url), else
// AWS_ENDPOINT_URL_<SERVICE>, else AWS_ENDPOINT_URL, else AWS's own
// https://SERVICE.REGION.amazonaws.com. Throw slam::UsageError for a
// malformed URL.
Endpoint resolve_endpoint(std::string_view service,
                          const std::string& option,
                          const std::string& region);

// Return URL (scheme://host[:port][/path]) as an endpoint; throw
// slam::UsageError naming SOURCE when it is not one.
Endpoint parse_endpoint(std::string_view url, std::string_view source);

// Return the AWS_ENDPOINT_URL_* variable of SERVICE, which uses the
// service's id rather than its signing name ("logs" is CLOUDWATCH_LOGS).
std::string endpoint_variable(std::string_view service);

} // namespace slam::aws
