#pragma once

#include "slam/aws/credentials.hpp"
#include "slam/aws/endpoint.hpp"
#include "slam/aws/http.hpp"
#include "slam/aws/profile.hpp"
#include "slam/aws/retry.hpp"
#include "slam/aws/retry_settings.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

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
  // Whether to send the request again after an attempt that may have been
  // carried out (no answer came, or a 5xx). Not for Invoke: the function
  // may have run. Calls that create something send it again and check
  // what an "already exists" means (see AwsError::earlier_attempt_uncertain).
  bool resend_unanswered = true;
};

// The AWS settings of one run: profile, region, credentials and endpoints
// resolved on first use (a command that never calls AWS never needs
// them), and a connection reused by every call. Use one per thread.
class Session
{
public:
  // Use OPTIONS, with CONFIG_REGION (aws.region of slam.yaml, may be
  // empty) as the last choice of region, and RETRY when given (tests),
  // else the retry settings of the profile and the environment.
  Session(ClientOptions options,
          std::string config_region,
          std::optional<RetryPolicy> retry = std::nullopt);
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

  // Return the time by AWS's clock as far as known: this machine's,
  // corrected once an answer said that it was off.
  Timestamp aws_time() const;

  // Return how calls are retried and timed out; throw slam::UsageError
  // for a bad setting.
  const CallSettings& call_settings();

  // Sign and send REQUEST, retrying under the retry policy, and return a
  // 2xx answer. Throw AwsError for an error answer (final, or the last
  // one), slam::Error when no answer came, slam::Interrupted on SIGINT or
  // SIGTERM during a wait.
  HttpResponse send(const ServiceRequest& request);

private:
  // Sign REQUEST at the service's time, send it once and log the call.
  HttpResponse send_once(const ServiceRequest& request,
                         const Endpoint& endpoint,
                         const std::string& payload_hash);

  // Set the clock offset from SERVER_TIME, the Date of an answer that
  // refused the request's signing time; return false without one.
  bool correct_clock(const ServiceRequest& request,
                     std::optional<Timestamp> server_time);

  ClientOptions m_options;
  std::string m_config_region;
  std::optional<RetryPolicy> m_given_retry;
  std::optional<CallSettings> m_call_settings;
  std::optional<Profile> m_profile;
  std::optional<std::string> m_region;
  std::optional<Credentials> m_credentials;
  bool m_fixed_credentials = false;
  // How far AWS's clock is ahead of this machine's, once an answer said
  // that the signing time was off.
  std::chrono::system_clock::duration m_clock_offset{};
  std::unique_ptr<HttpClient> m_http;
};

} // namespace slam::aws
