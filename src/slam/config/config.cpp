#include "slam/config/config.hpp"

#include "slam/util/hash.hpp"

#include <algorithm>
#include <cctype>

namespace slam::config {

const Stage* Config::find_stage(const std::string& stage_name) const
{
  auto it = std::find_if(stages.begin(), stages.end(), [&](const Stage& s) {
    return s.name == stage_name;
  });
  return it == stages.end() ? nullptr : &*it;
}

std::vector<std::string> Config::stage_names() const
{
  std::vector<std::string> names;
  for (const auto& stage : stages) {
    names.push_back(stage.name);
  }
  return names;
}

std::string Config::bucket() const
{
  if (!aws.s3_bucket.empty()) {
    return aws.s3_bucket;
  }
  // S3 bucket names are lowercase letters, digits, '-' and '.'.
  std::string derived;
  for (char c : name) {
    auto lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    derived += std::isalnum(static_cast<unsigned char>(lower)) ? lower : '-';
  }
  // Bucket names have at most 63 characters: a long project name is cut
  // and a hash of the whole name keeps the bucket its own.
  const std::string suffix = "-slam-packages";
  if (derived.size() + suffix.size() > 63) {
    derived = derived.substr(0, 63 - suffix.size() - 9) + "-" +
              util::sha256_hex(name).substr(0, 8);
  }
  return derived + suffix;
}

std::string to_string(Interface interface)
{
  switch (interface) {
  case Interface::wsgi:
    return "wsgi";
  case Interface::asgi:
    return "asgi";
  case Interface::function:
    return "function";
  case Interface::detect:
    break;
  }
  return "detect";
}

std::string to_string(Api api)
{
  switch (api) {
  case Api::http:
    return "http";
  case Api::url:
    return "url";
  case Api::rest:
    break;
  }
  return "rest";
}

} // namespace slam::config
