#include "slam/aws/credential_json.hpp"

#include "slam/util/error.hpp"

#include <fmt/core.h>

namespace slam::aws {
namespace {

// Return the string KEY of OBJECT; empty when absent and not REQUIRED.
std::string text_field(const nlohmann::json& object,
                       const char* key,
                       bool required,
                       const std::string& source,
                       const CredentialJsonStyle& style)
{
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) {
      throw Error(fmt::format("{} {} no {}", source, style.verb, key));
    }
    return "";
  }
  if (!it->is_string() ||
      (required && it->get_ref<const std::string&>().empty())) {
    throw Error(
        fmt::format("{} {} {} as something other than a non-empty string",
                    source,
                    style.verb,
                    key));
  }
  return it->get<std::string>();
}

} // namespace

Credentials credentials_from_json(const nlohmann::json& object,
                                  const std::string& source,
                                  const CredentialJsonStyle& style)
{
  auto field = [&](const char* key, bool required) {
    return text_field(object, key, required, source, style);
  };
  Credentials credentials{field("AccessKeyId", true),
                          field("SecretAccessKey", true),
                          field(style.token_key, false),
                          source,
                          std::nullopt};
  auto expiration = field("Expiration", false);
  if (!expiration.empty()) {
    credentials.expiration = parse_iso8601(expiration);
    if (!credentials.expiration) {
      throw Error(fmt::format("{} {} an Expiration that is not an ISO 8601 "
                              "time",
                              source,
                              style.verb));
    }
  }
  return credentials;
}

} // namespace slam::aws
