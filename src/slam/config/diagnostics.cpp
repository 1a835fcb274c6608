#include "slam/config/diagnostics.hpp"

#include "slam/util/log.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <tuple>

namespace slam::config {

std::string Diagnostics::position(const YAML::Mark& mark) const
{
  if (mark.is_null()) {
    return m_file;
  }
  return fmt::format("{}:{}:{}", m_file, mark.line + 1, mark.column + 1);
}

void Diagnostics::error(const YAML::Node& node, const std::string& message)
{
  auto mark = node.Mark();
  m_errors.push_back({mark.is_null() ? 0 : mark.line + 1,
                      mark.is_null() ? 0 : mark.column + 1,
                      fmt::format("{}: {}", position(mark), message)});
}

void Diagnostics::error_at(int line, int column, const std::string& message)
{
  m_errors.push_back(
      {line,
       column,
       fmt::format("{}:{}:{}: {}", m_file, line, column, message)});
}

void Diagnostics::warning(const YAML::Node& node,
                          const std::string& message) const
{
  util::warn(fmt::format("{}: {}", position(node.Mark()), message));
}

void Diagnostics::throw_if_errors() const
{
  if (m_errors.empty()) {
    return;
  }
  // In file order, whatever order the sections were checked in.
  auto errors = m_errors;
  std::stable_sort(
      errors.begin(), errors.end(), [](const auto& a, const auto& b) {
        return std::tie(a.line, a.column) < std::tie(b.line, b.column);
      });
  std::string text;
  for (const auto& error : errors) {
    if (!text.empty()) {
      // Continuation lines follow the first "slam: error: " line.
      text += "\nslam: error: ";
    }
    text += error.text;
  }
  throw ConfigError(text);
}

} // namespace slam::config
