#include "slam/aws/credential_endpoint.hpp"

#include "slam/aws/redact.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <thread>

namespace slam::aws {
namespace {

using Clock = std::chrono::steady_clock;

// Return URL without its query, for the log.
std::string_view without_query(std::string_view url)
{
  return url.substr(0, url.find('?'));
}

std::string text_field(const nlohmann::json& document,
                       const char* key,
                       bool required,
                       const std::string& source)
{
  auto it = document.find(key);
  if (it == document.end() || it->is_null()) {
    if (required) {
      throw Error(fmt::format("{} answered without {}", source, key));
    }
    return "";
  }
  if (!it->is_string()) {
    throw Error(
        fmt::format("{} answered a {} that is not a string", source, key));
  }
  return it->get<std::string>();
}

} // namespace

HttpResponse call_credential_endpoint(const CredentialCall& call)
{
  HttpClient client;
  auto where = without_query(call.request.url);
  for (int attempt = 1;; ++attempt) {
    auto start = Clock::now();
    auto elapsed = [&] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(
                 Clock::now() - start)
          .count();
    };
    try {
      auto response = client.send(call.request, call.timeouts);
      util::debugf("{} {} -> {} ({} ms)",
                   call.request.method,
                   where,
                   response.status,
                   elapsed());
      if (response.status < 500 || attempt >= call.attempts) {
        return response;
      }
    } catch (const TransportError& error) {
      auto reason = redact_values(error.what(), call.secrets);
      util::debugf(
          "{} {} -> {} ({} ms)", call.request.method, where, reason, elapsed());
      if (!error.retryable() || attempt >= call.attempts) {
        throw Error(
            fmt::format("cannot reach {} at {}: {}", call.what, where, reason));
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100 * attempt));
  }
}

Credentials parse_credential_document(std::string_view document,
                                      const std::string& source)
{
  auto json = nlohmann::json::parse(document, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    throw Error(
        fmt::format("{} answered something that is not a JSON object", source));
  }
  auto code = text_field(json, "Code", false, source);
  if (!code.empty() && code != "Success") {
    throw Error(fmt::format("{} answered Code '{}'", source, code));
  }
  Credentials credentials{text_field(json, "AccessKeyId", true, source),
                          text_field(json, "SecretAccessKey", true, source),
                          text_field(json, "Token", false, source),
                          source,
                          std::nullopt};
  auto expiration = text_field(json, "Expiration", false, source);
  if (!expiration.empty()) {
    credentials.expiration = parse_iso8601(expiration);
    if (!credentials.expiration) {
      throw Error(fmt::format(
          "{} answered an Expiration that is not an ISO 8601 time", source));
    }
  }
  return credentials;
}

std::string error_message_of(std::string_view body,
                             const std::vector<std::string>& secrets)
{
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object()) {
    return "";
  }
  for (const char* key : {"message", "Message"}) {
    if (auto it = json.find(key); it != json.end() && it->is_string()) {
      return redact_values(it->get<std::string>(), secrets);
    }
  }
  return "";
}

} // namespace slam::aws
