#include "slam/config/http_values.hpp"

#include <algorithm>
#include <regex>

namespace slam::config {

std::string trim_base_path(const std::string& base_path)
{
  auto trimmed = base_path;
  if (!trimmed.empty() && trimmed.front() == '/') {
    trimmed.erase(0, 1);
  }
  if (!trimmed.empty() && trimmed.back() == '/') {
    trimmed.pop_back();
  }
  return trimmed;
}

std::optional<std::string> check_base_path(const std::string& base_path)
{
  auto forbidden = [](unsigned char c) {
    return c <= ' ' || c >= 0x7f || c == '?' || c == '#' || c == '%';
  };
  if (std::any_of(base_path.begin(), base_path.end(), forbidden)) {
    return "must be ASCII without whitespace, control characters, '?', '#' "
           "or '%' (a path such as 'users' or 'users/v1')";
  }
  // Only the first and last segments may be empty: a leading or trailing
  // '/', which trim_base_path drops.
  auto inner = trim_base_path(base_path);
  if (inner.find("//") != std::string::npos ||
      (base_path.size() > 1 && inner.empty()) ||
      (!inner.empty() && (inner.front() == '/' || inner.back() == '/'))) {
    return "must not have an empty segment (a path such as 'users' or "
           "'users/v1')";
  }
  return std::nullopt;
}

std::string lowercase_media_type(const std::string& media_type)
{
  auto lowercase = media_type;
  std::transform(
      lowercase.begin(), lowercase.end(), lowercase.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      });
  return lowercase;
}

std::optional<std::string> check_media_type(const std::string& lowercase)
{
  // RFC 6838's restricted names; a suffix ("+json") has no '+' of its own.
  static const std::regex pattern(
      "\\*/\\*"
      "|[a-z0-9][a-z0-9!#$&^_.+-]*/"
      "([a-z0-9][a-z0-9!#$&^_.+-]*|\\*|\\*\\+[a-z0-9][a-z0-9!#$&^_.-]*)");
  if (std::regex_match(lowercase, pattern)) {
    return std::nullopt;
  }
  return "must be a media type such as 'application/json', 'application/*', "
         "'application/*+json' or '*/*', without parameters";
}

} // namespace slam::config
