#pragma once

#include <string>

namespace slam::local {

// What API Gateway knows about a request besides the request itself.
struct EventContext
{
  std::string stage;      // the API stage (and the STAGE stage variable)
  std::string path;       // REST: the path inside the stage ("/a/b")
  std::string api_id;     // the local API's id
  std::string account_id; // the account the API belongs to
  // The API's own endpoint: a call to `slam serve` is a call to the API
  // itself, never through a custom domain, whatever Host it names.
  std::string domain_name;
};

// Return the first label of DOMAIN_NAME, API Gateway's domainPrefix.
std::string domain_prefix(const std::string& domain_name);

} // namespace slam::local
