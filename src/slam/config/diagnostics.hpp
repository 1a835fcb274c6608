#pragma once

#include "slam/util/error.hpp"

#include <string>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace slam::config {

// Every problem found in one config file, so that all are reported at once.
class Diagnostics
{
public:
  explicit Diagnostics(std::string file) : m_file(std::move(file)) {}

  // Record an error at NODE's position ("file:line:col: message").
  void error(const YAML::Node& node, const std::string& message);

  // Record an error at a known position (line and column from 1).
  void error_at(int line, int column, const std::string& message);

  // Print a warning at NODE's position right away.
  void warning(const YAML::Node& node, const std::string& message) const;

  bool has_errors() const { return !m_errors.empty(); }

  // Throw ConfigError holding every recorded error, if there are any.
  void throw_if_errors() const;

private:
  std::string position(const YAML::Mark& mark) const;

  struct Entry
  {
    int line;
    int column;
    std::string text;
  };

  std::string m_file;
  std::vector<Entry> m_errors;
};

// One or more configuration errors, one "file:line:col: message" per line.
class ConfigError : public UsageError
{
public:
  using UsageError::UsageError;
};

} // namespace slam::config
