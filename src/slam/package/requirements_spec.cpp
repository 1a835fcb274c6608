#include "slam/package/requirements_spec.hpp"

#include "slam/util/error.hpp"

#include <array>
#include <fmt/core.h>

namespace slam::package {
namespace {

constexpr std::array<std::string_view, 8> k_version_operators{
    "===", "~=", "==", "!=", "<=", ">=", "<", ">"};

bool is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\r';
}

bool is_alnum(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

bool is_name_char(char c)
{
  return is_alnum(c) || c == '.' || c == '_' || c == '-';
}

bool is_version_char(char c)
{
  return is_name_char(c) || c == '*' || c == '+' || c == '!';
}

void skip_spaces(std::string_view& rest)
{
  while (!rest.empty() && is_space(rest.front())) {
    rest.remove_prefix(1);
  }
}

std::string_view trim(std::string_view text)
{
  skip_spaces(text);
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

// Take a PEP 508 name from the front of REST; "" when there is none.
std::string take_name(std::string_view& rest)
{
  size_t length = 0;
  while (length < rest.size() && is_name_char(rest[length])) {
    ++length;
  }
  auto name = rest.substr(0, length);
  if (name.empty() || !is_alnum(name.front()) || !is_alnum(name.back())) {
    return {};
  }
  rest.remove_prefix(length);
  return std::string(name);
}

// Take "[a, b]" from the front of REST.
std::vector<std::string> take_extras(std::string_view& rest)
{
  auto end = rest.find(']');
  if (end == rest.npos) {
    throw Error("missing ']' after the extras");
  }
  auto list = rest.substr(1, end - 1);
  rest.remove_prefix(end + 1);
  std::vector<std::string> extras;
  while (!trim(list).empty()) {
    auto comma = list.find(',');
    auto item = trim(list.substr(0, comma));
    auto name = take_name(item);
    if (name.empty() || !item.empty()) {
      throw Error("expected an extra name in the brackets");
    }
    extras.push_back(name);
    list = comma == list.npos ? std::string_view() : list.substr(comma + 1);
  }
  return extras;
}

// Check one clause of a specifier, such as ">=1.0".
void check_clause(std::string_view clause)
{
  for (auto op : k_version_operators) {
    if (clause.starts_with(op)) {
      auto version = clause.substr(op.size());
      for (char c : version) {
        if (!is_version_char(c)) {
          throw Error(fmt::format("unexpected '{}' in a version", c));
        }
      }
      if (version.empty()) {
        throw Error(fmt::format("expected a version after '{}'", op));
      }
      return;
    }
  }
  throw Error(fmt::format("expected a version operator before '{}'", clause));
}

// Take the version specifier up to the marker, without spaces or the
// optional parentheses around it.
std::string take_specifier(std::string_view& rest)
{
  auto end = rest.find(';');
  std::string specifier;
  for (char c : rest.substr(0, end)) {
    if (!is_space(c)) {
      specifier += c;
    }
  }
  rest.remove_prefix(end == rest.npos ? rest.size() : end);
  if (specifier.starts_with('(') && specifier.ends_with(')')) {
    specifier = specifier.substr(1, specifier.size() - 2);
  }
  size_t start = 0;
  while (!specifier.empty() && start <= specifier.size()) {
    auto comma = specifier.find(',', start);
    check_clause(std::string_view(specifier).substr(start, comma - start));
    start = comma == specifier.npos ? specifier.size() + 1 : comma + 1;
  }
  return specifier;
}

// Take the URL of "name @ url"; a marker must follow after a space.
std::string take_url(std::string_view& rest)
{
  rest.remove_prefix(1);
  skip_spaces(rest);
  size_t length = 0;
  while (length < rest.size() && !is_space(rest[length])) {
    ++length;
  }
  if (length == 0) {
    throw Error("expected a URL after '@'");
  }
  auto url = std::string(rest.substr(0, length));
  rest.remove_prefix(length);
  return url;
}

Requirement parse_parts(std::string_view rest)
{
  Requirement requirement;
  requirement.name = take_name(rest);
  if (requirement.name.empty()) {
    throw Error("expected a distribution name");
  }
  skip_spaces(rest);
  if (rest.starts_with('[')) {
    requirement.extras = take_extras(rest);
    skip_spaces(rest);
  }
  if (rest.starts_with('@')) {
    requirement.url = take_url(rest);
  } else {
    requirement.specifier = take_specifier(rest);
  }
  skip_spaces(rest);
  if (!rest.empty()) {
    if (rest.front() != ';') {
      throw Error(fmt::format("unexpected '{}'", rest));
    }
    requirement.marker = trim(rest.substr(1));
    if (requirement.marker.empty()) {
      throw Error("expected a marker after ';'");
    }
  }
  return requirement;
}

} // namespace

Requirement parse_requirement(std::string_view spec, std::string_view where)
{
  try {
    return parse_parts(trim(spec));
  } catch (const Error& error) {
    throw Error(fmt::format("invalid requirement '{}'{}{}: {}",
                            trim(spec),
                            where.empty() ? "" : " in ",
                            where,
                            error.what()));
  }
}

} // namespace slam::package
