#include "slam/cfn/intrinsics.hpp"

#include <string>

namespace slam::cfn {

Json ref_to(std::string_view name)
{
  return Json{{"Ref", std::string(name)}};
}

Json get_att(std::string_view resource, std::string_view attribute)
{
  return Json{{"Fn::GetAtt",
               Json::array({std::string(resource), std::string(attribute)})}};
}

Json sub(std::string_view text)
{
  return Json{{"Fn::Sub", std::string(text)}};
}

std::string sub_literal(std::string_view text)
{
  std::string result;
  for (std::size_t i = 0; i < text.size(); ++i) {
    result += text[i];
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      result += "{!";
      ++i;
    }
  }
  return result;
}

} // namespace slam::cfn
