#pragma once

#include "slam/config/diagnostics.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace slam::config {

// Typed, validated access to the keys of one YAML mapping. Each read marks
// its key as known; bad values are recorded in the diagnostics and read as
// absent, so that loading goes on and reports every problem.
class MapReader
{
public:
  // NODE may be null or absent (an empty section). A non-mapping node is
  // an error reported against NAME.
  MapReader(const YAML::Node& node, std::string name, Diagnostics& diagnostics);

  // Return true when KEY is present, even with an empty value.
  bool has(const std::string& key);

  // Return the value of KEY, or nothing when it is absent or null.
  std::optional<YAML::Node> node(const std::string& key);
  std::optional<std::string> string(const std::string& key);
  std::optional<int> integer(const std::string& key, int min, int max);
  std::optional<bool> boolean(const std::string& key);
  // A list of strings; a single string is read as a one-item list.
  std::optional<std::vector<std::string>> string_list(const std::string& key);

  // Record an error at the position of this mapping itself.
  void error(const std::string& message);

  // Warn about keys that no read asked for, with a "did you mean".
  void warn_unknown_keys();

  Diagnostics& diagnostics() { return m_diagnostics; }

private:
  YAML::Node m_node;
  YAML::Mark m_mark = YAML::Mark::null_mark();
  std::string m_name;
  Diagnostics& m_diagnostics;
  std::set<std::string> m_known;
};

// Return a scalar node as text; plain scalars and quoted ones alike.
std::optional<std::string> scalar_text(const YAML::Node& node);

// Return NODE as JSON: plain true/false and numbers keep their type,
// quoted scalars stay strings, and CloudFormation's short forms (!Ref,
// !GetAtt, !Sub...) become their long forms (CloudFormation fragments in
// slam.yaml). An unknown tag is an error in DIAGNOSTICS when given, and
// is dropped otherwise.
nlohmann::json to_json(const YAML::Node& node,
                       Diagnostics* diagnostics = nullptr);

// Return true when NODE is absent or an explicit null ("key:" alone).
bool is_empty(const YAML::Node& node);

} // namespace slam::config
