#include "slam/config/yaml_reader.hpp"

#include "slam/config/cfn_tags.hpp"
#include "slam/util/text.hpp"

#include <charconv>
#include <fmt/core.h>

namespace slam::config {

bool is_empty(const YAML::Node& node)
{
  return !node.IsDefined() || node.IsNull();
}

std::optional<std::string> scalar_text(const YAML::Node& node)
{
  if (!node.IsScalar()) {
    return std::nullopt;
  }
  return node.Scalar();
}

MapReader::MapReader(const YAML::Node& node,
                     std::string name,
                     Diagnostics& diagnostics)
    : m_name(std::move(name)), m_diagnostics(diagnostics)
{
  if (node.IsDefined()) {
    m_mark = node.Mark();
  }
  if (is_empty(node)) {
    return;
  }
  if (!node.IsMap()) {
    diagnostics.error(node,
                      fmt::format("{} must be a mapping of keys to "
                                  "values",
                                  m_name));
    return;
  }
  m_node = node;
}

bool MapReader::has(const std::string& key)
{
  m_known.insert(key);
  return m_node.IsDefined() && m_node.IsMap() && m_node[key].IsDefined();
}

std::optional<YAML::Node> MapReader::node(const std::string& key)
{
  m_known.insert(key);
  if (!m_node.IsDefined() || !m_node.IsMap()) {
    return std::nullopt;
  }
  auto value = m_node[key];
  if (is_empty(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> MapReader::string(const std::string& key)
{
  auto value = node(key);
  if (!value) {
    return std::nullopt;
  }
  auto text = scalar_text(*value);
  if (!text) {
    m_diagnostics.error(*value, fmt::format("{} must be a string", key));
  }
  return text;
}

std::optional<int> MapReader::integer(const std::string& key, int min, int max)
{
  auto value = node(key);
  if (!value) {
    return std::nullopt;
  }
  auto text = scalar_text(*value).value_or("");
  int number = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), number);
  if (value->Tag() != "!" && error == std::errc() &&
      end == text.data() + text.size() && number >= min && number <= max) {
    return number;
  }
  m_diagnostics.error(
      *value,
      fmt::format("{} must be an integer between {} and {}", key, min, max));
  return std::nullopt;
}

std::optional<bool> MapReader::boolean(const std::string& key)
{
  auto value = node(key);
  if (!value) {
    return std::nullopt;
  }
  auto text = scalar_text(*value).value_or("");
  if (text == "true" || text == "True" || text == "yes") {
    return true;
  }
  if (text == "false" || text == "False" || text == "no") {
    return false;
  }
  m_diagnostics.error(*value, fmt::format("{} must be true or false", key));
  return std::nullopt;
}

std::optional<std::vector<std::string>>
MapReader::string_list(const std::string& key)
{
  auto value = node(key);
  if (!value) {
    return std::nullopt;
  }
  if (value->IsScalar()) {
    return std::vector<std::string>{value->Scalar()};
  }
  std::vector<std::string> items;
  bool valid = value->IsSequence();
  for (std::size_t i = 0; valid && i < value->size(); ++i) {
    auto text = scalar_text((*value)[i]);
    valid = text.has_value();
    if (text) {
      items.push_back(*text);
    }
  }
  if (!valid) {
    m_diagnostics.error(*value,
                        fmt::format("{} must be a list of strings", key));
    return std::nullopt;
  }
  return items;
}

void MapReader::error(const std::string& message)
{
  if (m_mark.is_null()) {
    m_diagnostics.error_at(1, 1, message);
  } else {
    m_diagnostics.error_at(m_mark.line + 1, m_mark.column + 1, message);
  }
}

void MapReader::warn_unknown_keys()
{
  if (!m_node.IsDefined() || !m_node.IsMap()) {
    return;
  }
  std::vector<std::string> known(m_known.begin(), m_known.end());
  for (const auto& entry : m_node) {
    auto key = entry.first.as<std::string>("");
    if (m_known.count(key) != 0) {
      continue;
    }
    auto message = fmt::format("unknown key '{}' in {}", key, m_name);
    if (auto match = util::closest_match(key, known)) {
      message += fmt::format("; did you mean '{}'?", *match);
    }
    m_diagnostics.warning(entry.first, message);
  }
}

namespace {

nlohmann::json scalar_to_json(const YAML::Node& node)
{
  const auto& text = node.Scalar();
  if (node.Tag() == "!") {
    return text; // quoted: always a string
  }
  if (text == "true" || text == "false") {
    return text == "true";
  }
  if (text == "null" || text == "~") {
    return nullptr;
  }
  long long integer = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), integer);
  if (!text.empty() && error == std::errc() &&
      end == text.data() + text.size()) {
    return integer;
  }
  return text;
}

} // namespace

namespace {

nlohmann::json untagged_to_json(const YAML::Node& node,
                                Diagnostics* diagnostics)
{
  switch (node.Type()) {
  case YAML::NodeType::Scalar:
    return scalar_to_json(node);
  case YAML::NodeType::Sequence: {
    auto array = nlohmann::json::array();
    for (const auto& item : node) {
      array.push_back(to_json(item, diagnostics));
    }
    return array;
  }
  case YAML::NodeType::Map: {
    auto object = nlohmann::json::object();
    for (const auto& entry : node) {
      object[entry.first.Scalar()] = to_json(entry.second, diagnostics);
    }
    return object;
  }
  default:
    return nullptr;
  }
}

// yaml-cpp gives "?" to a plain node, "!" to a quoted scalar and a URI to
// the standard "!!" tags; only a local "!Name" is CloudFormation's.
bool is_local_tag(const std::string& tag)
{
  return tag.size() > 1 && tag[0] == '!' && tag[1] != '!';
}

} // namespace

nlohmann::json to_json(const YAML::Node& node, Diagnostics* diagnostics)
{
  auto value = untagged_to_json(node, diagnostics);
  const auto& tag = node.Tag();
  if (!is_local_tag(tag)) {
    return value;
  }
  if (auto expanded = expand_cfn_tag(tag, value)) {
    return *expanded;
  }
  if (diagnostics != nullptr) {
    diagnostics->error(node,
                       fmt::format("unknown tag '{}'; CloudFormation's short "
                                   "forms are {}",
                                   tag,
                                   known_cfn_tags()));
  }
  return value;
}

} // namespace slam::config
