#include "slam/aws/ini.hpp"

#include "slam/util/error.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace slam::aws {
namespace {

constexpr std::string_view k_spaces = " \t\r";

std::string_view trim(std::string_view text)
{
  auto start = text.find_first_not_of(k_spaces);
  if (start == std::string_view::npos) {
    return {};
  }
  auto end = text.find_last_not_of(k_spaces);
  return text.substr(start, end - start + 1);
}

// Return VALUE without a trailing comment: '#' or ';' after whitespace.
std::string_view strip_comment(std::string_view value)
{
  for (size_t i = 1; i < value.size(); ++i) {
    if ((value[i] == '#' || value[i] == ';') &&
        (value[i - 1] == ' ' || value[i - 1] == '\t')) {
      return trim(value.substr(0, i));
    }
  }
  return value;
}

std::string lowercase(std::string_view text)
{
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
  });
  return result;
}

// The state of parsing: where settings go and how to name errors.
struct Parser
{
  IniFile file;
  IniSection* section = nullptr;
  std::string parent; // the key an indented line belongs to
  std::string_view source;
  int line_number = 0;

  [[noreturn]] void fail(std::string_view what) const
  {
    throw UsageError(
        fmt::format("'{}' line {}: {}", source, line_number, what));
  }

  void parse_line(std::string_view raw)
  {
    auto line = trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') {
      return;
    }
    if (line[0] == '[') {
      if (line.back() != ']') {
        fail("expected ']' at the end of the section name");
      }
      section = &file[std::string(trim(line.substr(1, line.size() - 2)))];
      parent.clear();
      return;
    }
    parse_setting(line, raw[0] == ' ' || raw[0] == '\t');
  }

  void parse_setting(std::string_view line, bool indented)
  {
    auto equals = line.find_first_of("=:");
    if (equals == std::string_view::npos || equals == 0) {
      fail("expected 'name = value' or '[section]'");
    }
    if (section == nullptr) {
      fail("expected a '[section]' before the first setting");
    }
    auto name = lowercase(trim(line.substr(0, equals)));
    auto value = std::string(strip_comment(trim(line.substr(equals + 1))));
    if (indented && !parent.empty()) {
      (*section)[parent + '.' + name] = value;
      return;
    }
    parent = value.empty() ? name : "";
    (*section)[name] = value;
  }
};

} // namespace

IniFile parse_ini(std::string_view text, std::string_view source)
{
  Parser parser;
  parser.source = source;
  while (!text.empty()) {
    auto end = text.find('\n');
    ++parser.line_number;
    parser.parse_line(text.substr(0, end));
    text = end == std::string_view::npos ? "" : text.substr(end + 1);
  }
  return parser.file;
}

} // namespace slam::aws
