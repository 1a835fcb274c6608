#pragma once

#include "slam/aws/credentials.hpp"
#include "slam/aws/endpoint.hpp"
#include "slam/aws/http.hpp"
#include "slam/aws/profile.hpp"
#include "slam/aws/retry.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace slam::aws {

// The global command-line options that concern AWS; empty means not given.
struct ClientOptions
{
  std::string profile;
  std::string region;
  std::string endpoint_url;
};

// One call of an AWS API, before signing.
struct ServiceRequest
{
  std::string service;   // signing name and endpoint key, e.g. "s3"
  std::string operation; // API name for messages, e.g. "PutObject"
  std::string method = "GET";
  std::string host_prefix; // "BUCKET." for S3's virtual-hosted style
  std::string path = "/";  // percent-encoded, below the endpoint
  std::string query;       // percent-encoded, without the '?'
  Headers headers;
  std::string body;
  std::optional<std::filesystem::path> body_file; // streamed instead
  // How long to wait for the whole answer; zero: the default.
  std::chrono::milliseconds timeout{0};
  // Whether to send the request again when no answer came (a timeout, a
  // dropped connection). Not for Invoke: the function may have run.
  bool resend_unanswered = true;
};

// The AWS settings of one run: profile, region, credentials and endpoints
// resolved on first use (a command that never calls AWS never needs
// them), and a connection reused by every call. Use one per thread.
class Session
{
public:
  // Use OPTIONS, with CONFIG_REGION (aws.region of slam.yaml, may be
  // empty) as the last choice of region.
  Session(ClientOptions options,
          std::string config_region,
          RetryPolicy retry = {});
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;

  // Return the chosen profile of the shared AWS files.
  const Profile& profile();

  // Return the region; throw slam::UsageError when none is configured.
  const std::string& region();

  // Return the credentials, resolved again when temporary ones are about
  // to expire (a long deploy outlives an assumed role's hour); throw
  // slam::Error when there are none.
  const Credentials& credentials();

  // Sign with CREDENTIALS from now on, never resolving or renewing the
  // profile's (the session that assumes a role with its source's).
  void use_credentials(Credentials credentials);

  // Return where requests for SERVICE go.
  Endpoint endpoint(std::string_view service);

  // Sign and send REQUEST, retrying under the retry policy, and return a
  // 2xx answer. Throw AwsError for an error answer and slam::Error when
  // the endpoint cannot be reached.
  HttpResponse send(const ServiceRequest& request);

private:
  // Why an attempt failed in a way worth another, and how long the server
  // asked to wait.
  struct RetryReason
  {
    std::string text;
    std::optional<std::chrono::milliseconds> retry_after;
  };
  using Attempt = std::variant<HttpResponse, RetryReason>;

  // Make one attempt; throw when it failed for good or was the LAST.
  Attempt attempt(const ServiceRequest& request,
                  const Endpoint& endpoint,
                  const std::string& payload_hash,
                  bool last);

  // Sign REQUEST, send it once and log the call.
  HttpResponse send_once(const ServiceRequest& request,
                         const Endpoint& endpoint,
                         const std::string& payload_hash);

  ClientOptions m_options;
  std::string m_config_region;
  RetryPolicy m_retry;
  std::optional<Profile> m_profile;
  std::optional<std::string> m_region;
  std::optional<Credentials> m_credentials;
  bool m_fixed_credentials = false;
  std::unique_ptr<HttpClient> m_http;
};

} // namespace slam::aws
