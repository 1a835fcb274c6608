#include "slam/config/cfn_tags.hpp"

#include <array>
#include <string_view>

namespace slam::config {
namespace {

// The intrinsic functions written "Fn::NAME" in JSON and "!NAME" in YAML.
constexpr std::array<std::string_view, 18> k_functions = {"And",
                                                          "Base64",
                                                          "Cidr",
                                                          "Equals",
                                                          "FindInMap",
                                                          "GetAtt",
                                                          "GetAZs",
                                                          "If",
                                                          "ImportValue",
                                                          "Join",
                                                          "Length",
                                                          "Not",
                                                          "Or",
                                                          "Select",
                                                          "Split",
                                                          "Sub",
                                                          "ToJsonString",
                                                          "Transform"};

bool is_function(std::string_view name)
{
  for (auto function : k_functions) {
    if (function == name) {
      return true;
    }
  }
  return false;
}

// `!GetAtt Resource.Attribute` is the one short form whose scalar splits:
// at the first dot, since attribute names may hold dots (Endpoint.Address).
nlohmann::json get_att_arguments(const nlohmann::json& value)
{
  if (!value.is_string()) {
    return value;
  }
  auto text = value.get<std::string>();
  auto dot = text.find('.');
  if (dot == std::string::npos) {
    return value;
  }
  return nlohmann::json::array({text.substr(0, dot), text.substr(dot + 1)});
}

} // namespace

std::optional<nlohmann::json> expand_cfn_tag(const std::string& tag,
                                             const nlohmann::json& value)
{
  if (tag.size() < 2 || tag[0] != '!') {
    return std::nullopt;
  }
  auto name = tag.substr(1);
  if (name == "Ref" || name == "Condition") {
    return nlohmann::json{{name, value}};
  }
  if (!is_function(name)) {
    return std::nullopt;
  }
  auto arguments = name == "GetAtt" ? get_att_arguments(value) : value;
  return nlohmann::json{{"Fn::" + name, arguments}};
}

std::string known_cfn_tags()
{
  std::string text = "!Ref, !Condition";
  for (auto function : k_functions) {
    text += ", !";
    text += function;
  }
  return text;
}

} // namespace slam::config
