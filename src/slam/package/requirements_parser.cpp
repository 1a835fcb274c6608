#include "slam/package/requirements_parser.hpp"

#include "slam/util/error.hpp"

#include <algorithm>
#include <array>
#include <fmt/core.h>
#include <utility>

namespace slam::package {
namespace {

// pip's own options that choose where distributions come from; they do
// not change which distributions a project needs.
constexpr std::array k_ignored_options{"-i",
                                       "--index-url",
                                       "--extra-index-url",
                                       "--no-index",
                                       "-f",
                                       "--find-links",
                                       "--trusted-host",
                                       "--pre",
                                       "--prefer-binary",
                                       "--only-binary",
                                       "--no-binary",
                                       "--require-hashes",
                                       "--use-feature"};

bool is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\r';
}

std::string_view trim(std::string_view text)
{
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

// A line after joining continuations and removing the comment.
struct LogicalLine
{
  int number = 0;
  std::string text;
};

// Remove a comment: '#' at the start or after whitespace, as pip does.
std::string without_comment(const std::string& line)
{
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && (i == 0 || is_space(line[i - 1]))) {
      return line.substr(0, i);
    }
  }
  return line;
}

std::vector<LogicalLine> logical_lines(std::string_view text)
{
  std::vector<LogicalLine> lines;
  std::string pending;
  int number = 0;
  int start = 0;
  size_t position = 0;
  while (position < text.size()) {
    auto end = text.find('\n', position);
    auto line =
        text.substr(position, end == text.npos ? text.npos : end - position);
    position = end == text.npos ? text.size() : end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (pending.empty()) {
      start = number;
    }
    if (!line.empty() && line.back() == '\\') {
      line.remove_suffix(1);
      pending += line;
      continue;
    }
    pending += line;
    lines.push_back({start, without_comment(pending)});
    pending.clear();
  }
  if (!pending.empty()) {
    lines.push_back({start, without_comment(pending)});
  }
  return lines;
}

// Split "-rfile", "-r file", "--requirement=file" or "--requirement file"
// into the option and its value.
std::pair<std::string, std::string> split_option(std::string_view line)
{
  if (line.substr(0, 2) != "--") {
    auto value = trim(line.substr(std::min<size_t>(2, line.size())));
    return {std::string(line.substr(0, 2)), std::string(value)};
  }
  auto end = std::find_if(
      line.begin(), line.end(), [](char c) { return c == '=' || is_space(c); });
  auto name = std::string(line.begin(), end);
  auto rest = std::string_view(end, line.end());
  if (!rest.empty() && rest.front() == '=') {
    rest.remove_prefix(1);
  }
  return {name, std::string(trim(rest))};
}

// True when the line names a file or URL rather than a distribution.
bool is_location(std::string_view line)
{
  if (line.front() == '.' || line.front() == '/' || line.front() == '~') {
    return true;
  }
  auto scheme = line.find("://");
  if (scheme != line.npos && line.substr(0, scheme).find('@') == line.npos) {
    return true;
  }
  auto token = line.substr(0, line.find_first_of(" \t;"));
  return token.ends_with(".whl") || token.ends_with(".zip") ||
         token.ends_with(".tar.gz");
}

// Remove per-requirement options such as "--hash=sha256:...".
std::string_view without_options(std::string_view line)
{
  for (size_t i = 1; i + 2 < line.size(); ++i) {
    if (is_space(line[i - 1]) && line.substr(i, 2) == "--") {
      return trim(line.substr(0, i));
    }
  }
  return line;
}

void add_option(RequirementsText& result,
                std::string_view line,
                std::string_view where)
{
  auto [option, value] = split_option(line);
  if (option == "-r" || option == "--requirement") {
    result.includes.push_back(value);
  } else if (option == "-c" || option == "--constraint") {
    result.constraints.push_back(value);
  } else if (option == "-e" || option == "--editable") {
    result.skipped.push_back(fmt::format(
        "skipping '{}' in {}: editable requirements are not supported; list "
        "the distribution by name",
        line,
        where));
  } else if (std::find(k_ignored_options.begin(),
                       k_ignored_options.end(),
                       option) == k_ignored_options.end()) {
    result.skipped.push_back(fmt::format(
        "skipping '{}' in {}: unknown option '{}'", line, where, option));
  }
}

} // namespace

RequirementsText parse_requirements(std::string_view text,
                                    std::string_view source,
                                    Strictness strictness)
{
  RequirementsText result;
  for (const auto& [number, raw] : logical_lines(text)) {
    auto line = trim(raw);
    if (line.empty()) {
      continue;
    }
    auto where = fmt::format("'{}' line {}", source, number);
    if (line.front() == '-') {
      add_option(result, line, where);
    } else if (is_location(line)) {
      result.skipped.push_back(fmt::format(
          "skipping '{}' in {}: only requirements by name are supported",
          line,
          where));
    } else {
      try {
        auto requirement = parse_requirement(without_options(line), where);
        requirement.file = source;
        requirement.line = number;
        result.requirements.push_back(std::move(requirement));
      } catch (const Error& error) {
        if (strictness == Strictness::strict) {
          throw;
        }
        result.skipped.push_back(error.what());
      }
    }
  }
  return result;
}

} // namespace slam::package
