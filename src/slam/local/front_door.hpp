#pragma once

#include "slam/config/config.hpp"
#include "slam/local/http_exchange.hpp"
#include "slam/local/invoker.hpp"

#include <string>

namespace slam::local {

// Which API the front door plays and for which stage.
struct FrontDoorSettings
{
  config::Api api = config::Api::rest;
  std::string stage;  // the served stage: the path prefix of rest and http
  std::string api_id; // the id events carry
  std::string region = "us-east-1";
  std::string account_id = "123456789012";
};

// API Gateway (or a function URL) in front of the function: routes each
// request by its stage prefix, turns it into the event of its API, calls
// the function and turns the result back into a response.
class FrontDoor
{
public:
  // INVOKER must outlive the front door; it is called from many threads.
  FrontDoor(Invoker& invoker, FrontDoorSettings settings);

  // Return the response to REQUEST. Thread safe.
  HttpResponse handle(const HttpRequest& request) const;

  // Return the API's answer to a request whose body is over its limit,
  // refused before it was read.
  HttpResponse refuse_large_body() const;

  // Return the path prefix of the served stage: "/dev/" for rest and http
  // APIs, "/" for a function URL.
  std::string base_path() const;

private:
  HttpResponse invoke(const std::string& event) const;

  Invoker& m_invoker;
  FrontDoorSettings m_settings;
};

// Return the host name of the API's own endpoint, as events name it in
// requestContext.domainName: "ID.execute-api.REGION.amazonaws.com", or
// "ID.lambda-url.REGION.on.aws" for a function URL.
std::string endpoint_host(const FrontDoorSettings& settings);

// Return the path inside STAGE of the raw PATH ("/dev/a" gives "/a", "/dev"
// gives "/"), or nothing when PATH is outside the stage.
std::optional<std::string> path_in_stage(const std::string& path,
                                         const std::string& stage);

} // namespace slam::local
