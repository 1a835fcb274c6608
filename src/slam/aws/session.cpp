#include "slam/aws/session.hpp"

#include "slam/aws/error.hpp"
#include "slam/aws/redact.hpp"
#include "slam/aws/region.hpp"
#include "slam/aws/sigv4.hpp"
#include "slam/util/file_hash.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>
#include <thread>

namespace slam::aws {
namespace {

using Clock = std::chrono::steady_clock;

// S3 signs paths as sent and wants the payload hash in a header; every
// other service follows the SigV4 defaults.
SigningParams signing_params(const ServiceRequest& request,
                             const std::string& region)
{
  SigningParams params;
  params.region = region;
  params.service = request.service;
  params.time = std::chrono::system_clock::now();
  bool s3 = request.service == "s3";
  params.normalize_path = !s3;
  params.double_encode_path = !s3;
  params.add_content_sha256 = s3;
  return params;
}

HttpRequest signed_request(const ServiceRequest& request,
                           const Endpoint& endpoint,
                           const Credentials& credentials,
                           const std::string& region,
                           const std::string& payload_hash)
{
  auto host = request.host_prefix + endpoint.host;
  SignableRequest signable{request.method,
                           endpoint.base_path + request.path,
                           request.query,
                           request.headers,
                           payload_hash};
  set_header(signable.headers, "Host", host);
  sign_headers(signable, credentials, signing_params(request, region));
  HttpRequest http;
  http.method = request.method;
  http.url = fmt::format("{}://{}{}", endpoint.scheme, host, signable.path);
  if (!signable.query.empty()) {
    http.url += '?' + signable.query;
  }
  http.headers = std::move(signable.headers);
  http.body = request.body;
  http.body_file = request.body_file;
  return http;
}

std::string payload_hash_of(const ServiceRequest& request)
{
  return request.body_file ? util::sha256_file_hex(*request.body_file)
                           : util::sha256_hex(request.body);
}

long elapsed_ms(Clock::time_point start)
{
  return static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() -
                                                            start)
          .count());
}

} // namespace

Session::Session(ClientOptions options,
                 std::string config_region,
                 RetryPolicy retry)
    : m_options(std::move(options)), m_config_region(std::move(config_region)),
      m_retry(retry), m_http(std::make_unique<HttpClient>())
{
}

Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

const Profile& Session::profile()
{
  if (!m_profile) {
    m_profile = load_profile(m_options.profile);
  }
  return *m_profile;
}

const std::string& Session::region()
{
  if (!m_region) {
    m_region = resolve_region(m_options.region, profile(), m_config_region);
  }
  return *m_region;
}

const Credentials& Session::credentials()
{
  bool stale = m_credentials && !m_fixed_credentials &&
               expires_soon(*m_credentials, std::chrono::system_clock::now());
  if (stale) {
    util::debugf("the credentials from {} expire at {}; renewing them",
                 m_credentials->source,
                 format_iso8601(*m_credentials->expiration));
  }
  if (!m_credentials || stale) {
    m_credentials = resolve_credentials(
        profile(), CredentialContext{m_options.endpoint_url, region()});
    // Only the key id's last characters: enough to tell keys apart.
    const auto& key = m_credentials->access_key_id;
    util::debugf("using the AWS access key ending in '{}' from {}",
                 key.size() > 4 ? key.substr(key.size() - 4) : "",
                 m_credentials->source);
  }
  return *m_credentials;
}

void Session::use_credentials(Credentials credentials)
{
  m_credentials = std::move(credentials);
  m_fixed_credentials = true;
}

Endpoint Session::endpoint(std::string_view service)
{
  return resolve_endpoint(service, m_options.endpoint_url, region());
}

HttpResponse Session::send_once(const ServiceRequest& request,
                                const Endpoint& endpoint,
                                const std::string& payload_hash)
{
  auto http =
      signed_request(request, endpoint, credentials(), region(), payload_hash);
  HttpTimeouts timeouts;
  if (request.body_file) {
    timeouts.total = std::chrono::milliseconds(0); // stall check only
  } else if (request.timeout.count() > 0) {
    timeouts.total = request.timeout;
  }
  auto where = fmt::format("{}{}{}{}",
                           request.host_prefix,
                           endpoint.host,
                           endpoint.base_path,
                           request.path);
  auto start = Clock::now();
  try {
    auto response = m_http->send(http, timeouts);
    util::debugf("{} {}: {} {} -> {} ({} ms)",
                 request.service,
                 request.operation,
                 request.method,
                 where,
                 response.status,
                 elapsed_ms(start));
    return response;
  } catch (const TransportError& error) {
    util::debugf("{} {}: {} {} -> {} ({} ms)",
                 request.service,
                 request.operation,
                 request.method,
                 where,
                 error.what(),
                 elapsed_ms(start));
    throw;
  }
}

Session::Attempt Session::attempt(const ServiceRequest& request,
                                  const Endpoint& endpoint,
                                  const std::string& payload_hash,
                                  bool last)
{
  try {
    auto response = send_once(request, endpoint, payload_hash);
    if (response.status >= 200 && response.status < 300) {
      return response;
    }
    auto error =
        parse_error_response(request.service,
                             request.operation,
                             response.status,
                             response.headers,
                             redact_secrets(response.body, credentials()));
    if (last || !RetryPolicy::is_retryable(error.http_status(), error.code())) {
      throw error;
    }
    auto header = find_header(response.headers, "Retry-After");
    return RetryReason{error.what(),
                       header ? parse_retry_after(*header) : std::nullopt};
  } catch (const TransportError& error) {
    if (last || !error.retryable() || !request.resend_unanswered) {
      throw Error(fmt::format("cannot reach {}://{}{}{}/ ({} {}): {}",
                              endpoint.scheme,
                              request.host_prefix,
                              endpoint.host,
                              endpoint.base_path,
                              request.service,
                              request.operation,
                              redact_secrets(error.what(), credentials())));
    }
    return RetryReason{redact_secrets(error.what(), credentials()),
                       std::nullopt};
  }
}

HttpResponse Session::send(const ServiceRequest& request)
{
  auto target = endpoint(request.service);
  auto payload_hash = payload_hash_of(request);
  for (int attempt = 1;; ++attempt) {
    auto outcome = this->attempt(
        request, target, payload_hash, attempt >= m_retry.max_attempts);
    if (auto* response = std::get_if<HttpResponse>(&outcome)) {
      return std::move(*response);
    }
    const auto& reason = std::get<RetryReason>(outcome);
    auto wait = m_retry.delay(attempt, random_jitter(), reason.retry_after);
    util::debugf("retrying {} {} in {} ms (attempt {} of {}): {}",
                 request.service,
                 request.operation,
                 wait.count(),
                 attempt + 1,
                 m_retry.max_attempts,
                 reason.text);
    std::this_thread::sleep_for(wait);
  }
}

} // namespace slam::aws
