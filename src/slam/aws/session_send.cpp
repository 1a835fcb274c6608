// Session::send: signing, one attempt, and the retries around it.

#include "slam/aws/error.hpp"
#include "slam/aws/redact.hpp"
#include "slam/aws/session.hpp"
#include "slam/aws/sigv4.hpp"
#include "slam/util/file_hash.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/interrupt.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>

namespace slam::aws {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// S3 signs paths as sent and wants the payload hash in a header; every
// other service follows the SigV4 defaults.
SigningParams signing_params(const ServiceRequest& request,
                             const std::string& region,
                             Timestamp time)
{
  SigningParams params;
  params.region = region;
  params.service = request.service;
  params.time = time;
  bool s3 = request.service == "s3";
  params.normalize_path = !s3;
  params.double_encode_path = !s3;
  params.add_content_sha256 = s3;
  return params;
}

HttpRequest signed_request(const ServiceRequest& request,
                           const Endpoint& endpoint,
                           const std::string& payload_hash,
                           const Credentials& credentials,
                           const SigningParams& params)
{
  auto host = request.host_prefix + endpoint.host;
  SignableRequest signable{request.method,
                           endpoint.base_path + request.path,
                           request.query,
                           request.headers,
                           payload_hash};
  set_header(signable.headers, "Host", host);
  sign_headers(signable, credentials, params);
  HttpRequest http;
  http.method = request.method;
  http.url = fmt::format("{}://{}{}", endpoint.scheme, host, signable.path);
  if (!signable.query.empty()) {
    http.url += '?' + signable.query;
  }
  http.headers = std::move(signable.headers);
  http.body = request.body;
  http.body_file = request.body_file; // read from its start at each attempt
  return http;
}

std::string payload_hash_of(const ServiceRequest& request)
{
  return request.body_file ? util::sha256_file_hex(*request.body_file)
                           : util::sha256_hex(request.body);
}

milliseconds elapsed_since(Clock::time_point start)
{
  return std::chrono::duration_cast<milliseconds>(Clock::now() - start);
}

// Return the timeouts of one attempt of REQUEST under SETTINGS.
HttpTimeouts attempt_timeouts(const ServiceRequest& request,
                              const HttpTimeouts& settings)
{
  HttpTimeouts timeouts = settings;
  if (request.body_file) {
    timeouts.total = milliseconds(0); // stall check only
  } else if (request.timeout.count() > 0) {
    timeouts.total = request.timeout;
  }
  return timeouts;
}

// Why an attempt failed, and what that means for the next one.
struct Failure
{
  std::optional<AwsError> answer; // the error answer, when one came
  std::string transport;          // else what went wrong (redacted)
  RetryKind kind = RetryKind::final;
  bool uncertain = false; // the request may have been carried out
  std::optional<milliseconds> retry_after;
  std::optional<Timestamp> server_time; // the answer's Date

  // Return the error code and message, or the transport error.
  std::string reason() const
  {
    return answer ? fmt::format("{}: {}", answer->code(), answer->message())
                  : transport;
  }
};

Failure answer_failure(const ServiceRequest& request,
                       const HttpResponse& response,
                       const Credentials& credentials)
{
  Failure failure;
  failure.answer =
      parse_error_response(request.service,
                           request.operation,
                           response.status,
                           response.headers,
                           redact_secrets(response.body, credentials));
  const auto& error = *failure.answer;
  failure.kind =
      RetryPolicy::classify(error.http_status(), error.code(), error.message());
  failure.uncertain = failure.kind == RetryKind::server_fault;
  if (auto header = find_header(response.headers, "Retry-After")) {
    failure.retry_after = parse_retry_after(*header);
  }
  if (auto header = find_header(response.headers, "Date")) {
    failure.server_time = parse_http_date(*header);
  }
  return failure;
}

Failure transport_failure(const TransportError& error,
                          const Credentials& credentials)
{
  Failure failure;
  failure.transport = redact_secrets(error.what(), credentials);
  failure.uncertain = error.sent();
  if (error.retryable()) {
    failure.kind =
        error.sent() ? RetryKind::server_fault : RetryKind::turned_away;
  }
  return failure;
}

// Return how long to wait before attempt ATTEMPT + 1 of REQUEST, or
// nothing when FAILURE ends the call: it is final, it may have been
// carried out and REQUEST must not run twice, or the attempts or the time
// (ELAPSED so far) are used up.
std::optional<milliseconds> next_wait(const RetryPolicy& policy,
                                      const ServiceRequest& request,
                                      const Failure& failure,
                                      int attempt,
                                      milliseconds elapsed)
{
  if (failure.kind == RetryKind::final ||
      (failure.uncertain && !request.resend_unanswered) ||
      attempt >= policy.max_attempts) {
    return std::nullopt;
  }
  // A request signed at a corrected time may go at once.
  auto wait = failure.kind == RetryKind::clock_skew
                  ? milliseconds(0)
                  : policy.delay(attempt, random_jitter(), failure.retry_after);
  if (elapsed + wait >= policy.time_limit) {
    return std::nullopt;
  }
  return wait;
}

// Throw the error that ends a call to ENDPOINT after ATTEMPTS attempts in
// ELAPSED, the last of which failed with FAILURE; EARLIER_UNCERTAIN when an
// earlier attempt may have been carried out.
[[noreturn]] void give_up(const ServiceRequest& request,
                          const Endpoint& endpoint,
                          const Failure& failure,
                          int attempts,
                          milliseconds elapsed,
                          bool earlier_uncertain)
{
  if (failure.answer) {
    throw failure.answer->after_attempts(attempts, elapsed, earlier_uncertain);
  }
  throw Error(fmt::format(
      "cannot reach {}://{}{}{}/ ({} {}): {}{}",
      endpoint.scheme,
      request.host_prefix,
      endpoint.host,
      endpoint.base_path,
      request.service,
      request.operation,
      failure.transport,
      attempts > 1 ? fmt::format(" ({})", attempts_note(attempts, elapsed))
                   : ""));
}

} // namespace

HttpResponse Session::send_once(const ServiceRequest& request,
                                const Endpoint& endpoint,
                                const std::string& payload_hash)
{
  auto http = signed_request(request,
                             endpoint,
                             payload_hash,
                             credentials(),
                             signing_params(request, region(), aws_time()));
  auto where = fmt::format("{}{}{}{}",
                           request.host_prefix,
                           endpoint.host,
                           endpoint.base_path,
                           request.path);
  auto start = Clock::now();
  try {
    auto response =
        m_http->send(http, attempt_timeouts(request, call_settings().timeouts));
    util::debugf("{} {}: {} {} -> {} ({} ms)",
                 request.service,
                 request.operation,
                 request.method,
                 where,
                 response.status,
                 elapsed_since(start).count());
    return response;
  } catch (const TransportError& error) {
    util::debugf("{} {}: {} {} -> {} ({} ms)",
                 request.service,
                 request.operation,
                 request.method,
                 where,
                 redact_secrets(error.what(), credentials()),
                 elapsed_since(start).count());
    throw;
  }
}

bool Session::correct_clock(const ServiceRequest& request,
                            std::optional<Timestamp> server_time)
{
  if (!server_time) {
    return false;
  }
  m_clock_offset = *server_time - std::chrono::system_clock::now();
  util::debugf(
      "{} says the request's time is off: signing with its clock, "
      "{} s ahead of this machine's",
      request.service,
      std::chrono::duration_cast<std::chrono::seconds>(m_clock_offset).count());
  return true;
}

HttpResponse Session::send(const ServiceRequest& request)
{
  auto target = endpoint(request.service);
  auto payload_hash = payload_hash_of(request);
  const auto& policy = call_settings().retry;
  auto started = Clock::now();
  bool uncertain = false; // whether an attempt so far may have been done
  for (int attempt = 1;; ++attempt) {
    Failure failure;
    try {
      auto response = send_once(request, target, payload_hash);
      if (response.status >= 200 && response.status < 300) {
        return response;
      }
      failure = answer_failure(request, response, credentials());
    } catch (const TransportError& error) {
      failure = transport_failure(error, credentials());
    }
    if (failure.kind == RetryKind::clock_skew &&
        !correct_clock(request, failure.server_time)) {
      failure.kind = RetryKind::final;
    }
    auto elapsed = elapsed_since(started);
    auto wait = next_wait(policy, request, failure, attempt, elapsed);
    if (!wait) {
      give_up(request, target, failure, attempt, elapsed, uncertain);
    }
    uncertain = uncertain || failure.uncertain;
    util::debugf("retrying {} {} (attempt {}/{}) in {} ms: {}",
                 request.service,
                 request.operation,
                 attempt + 1,
                 policy.max_attempts,
                 wait->count(),
                 failure.reason());
    if (!util::sleep_unless_interrupted(*wait)) {
      throw Interrupted();
    }
  }
}

} // namespace slam::aws
