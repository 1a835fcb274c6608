#include "slam/aws/redact.hpp"

#include <array>
#include <regex>

namespace slam::aws {
namespace {

void replace_all(std::string& text, std::string_view secret)
{
  if (secret.empty()) {
    return;
  }
  for (auto at = text.find(secret); at != std::string::npos;
       at = text.find(secret, at + k_redacted.size())) {
    text.replace(at, secret.size(), k_redacted);
  }
}

// The signed parts of a request, as a header or a presigned URL shows them:
// what follows the name up to the next separator.
const std::array<std::regex, 3>& signed_parts()
{
  static const std::array<std::regex, 3> patterns = {
      std::regex(R"((Signature=)[^\s,&;<"']+)", std::regex::icase),
      std::regex(R"((Credential=)[^\s,&;<"']+)", std::regex::icase),
      std::regex(R"((X-Amz-Security-Token["']?\s*[:=]\s*["']?)[^\s,&;<"']+)",
                 std::regex::icase),
  };
  return patterns;
}

} // namespace

std::string redact_secrets(std::string_view text,
                           const Credentials& credentials)
{
  std::string redacted(text);
  // The longest first: a key id could be part of a token.
  replace_all(redacted, credentials.session_token);
  replace_all(redacted, credentials.secret_access_key);
  replace_all(redacted, credentials.access_key_id);
  auto replacement = "$1" + std::string(k_redacted);
  for (const auto& pattern : signed_parts()) {
    redacted = std::regex_replace(redacted, pattern, replacement);
  }
  return redacted;
}

std::string redact_values(std::string_view text,
                          const std::vector<std::string>& secrets)
{
  std::string redacted(text);
  for (const auto& secret : secrets) {
    replace_all(redacted, secret);
  }
  return redacted;
}

} // namespace slam::aws
