#include "slam/aws/credential_endpoint.hpp"

#include "slam/aws/credential_json.hpp"
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

} // namespace

HttpResponse call_credential_endpoint(const CredentialCall& call)
{
  // A credentials document is a few KB: a wrong endpoint's stream of
  // bytes fails fast instead of filling memory.
  constexpr std::size_t k_max_answer = 1024 * 1024;
  auto request = call.request;
  request.max_answer = k_max_answer;
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
      auto response = client.send(request, call.timeouts);
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
  // Instance metadata says how it went; the container endpoint does not.
  auto code = json.find("Code");
  if (code != json.end() && *code != "Success") {
    throw Error(fmt::format("{} answered Code {}", source, code->dump()));
  }
  return credentials_from_json(json, source, {"Token", "answered"});
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
