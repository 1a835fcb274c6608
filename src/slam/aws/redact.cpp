#include "slam/aws/redact.hpp"

#include <cctype>

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

bool is_space(char c)
{
  return std::string_view(" \t\n\v\f\r").find(c) != std::string_view::npos;
}

// Whether C ends a signed value: a space or a separator of headers,
// queries, XML or quoted text.
bool ends_value(char c)
{
  return is_space(c) ||
         std::string_view(",&;<\"'").find(c) != std::string_view::npos;
}

bool starts_with_name(std::string_view text, std::string_view name)
{
  if (text.size() < name.size()) {
    return false;
  }
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(name[i]))) {
      return false;
    }
  }
  return true;
}

// Return where the value of a security token starts after its name ends
// at AT, as a header (`X-Amz-Security-Token: v`), a query (`=v`) or a JSON
// or XML-ish quoted key (`"X-Amz-Security-Token": "v"`) shows it; npos
// when no ':' or '=' follows.
std::size_t token_value_start(std::string_view text, std::size_t at)
{
  if (at < text.size() && (text[at] == '"' || text[at] == '\'')) {
    ++at;
  }
  while (at < text.size() && is_space(text[at])) {
    ++at;
  }
  if (at >= text.size() || (text[at] != ':' && text[at] != '=')) {
    return std::string_view::npos;
  }
  ++at;
  while (at < text.size() && is_space(text[at])) {
    ++at;
  }
  if (at < text.size() && (text[at] == '"' || text[at] == '\'')) {
    ++at;
  }
  return at;
}

// Return where the signed value that a name at AT introduces starts:
// what follows `Signature=`, `Credential=` (SigV4's scope, which holds the
// key id) or a security token's name, any case; npos when none does.
std::size_t signed_value_start(std::string_view text, std::size_t at)
{
  auto rest = text.substr(at);
  for (std::string_view name : {"signature=", "credential="}) {
    if (starts_with_name(rest, name)) {
      return at + name.size();
    }
  }
  constexpr std::string_view token = "x-amz-security-token";
  if (starts_with_name(rest, token)) {
    return token_value_start(text, at + token.size());
  }
  return std::string_view::npos;
}

// Return TEXT with the signed values in it redacted, in one pass: a
// regular expression here overflowed the stack on long answers (std::regex
// recurses per character), and error pages can be megabytes long.
std::string redact_signed_values(std::string_view text)
{
  std::string redacted;
  redacted.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    auto value = signed_value_start(text, at);
    auto end = value;
    while (end < text.size() && !ends_value(text[end])) {
      ++end;
    }
    if (value == std::string_view::npos || end == value) {
      redacted += text[at++];
      continue;
    }
    redacted.append(text.substr(at, value - at));
    redacted += k_redacted;
    at = end;
  }
  return redacted;
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
  return redact_signed_values(redacted);
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
