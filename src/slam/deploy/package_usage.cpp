#include "slam/deploy/package_usage.hpp"

#include "slam/aws/lambda.hpp"
#include "slam/deploy/artifact_cleanup.hpp"
#include "slam/deploy/parameters.hpp"

namespace slam::deploy {

std::set<std::string> packages_in_use(const config::Config& config,
                                      aws::Session& session,
                                      const aws::Stack& stack)
{
  std::set<std::string> keys;
  // The $LATEST code stays even when no stage points there: the next
  // `deploy --no-lambda` and `publish` build on it.
  if (auto key = parameter(stack, "LambdaS3Key"); key && !key->empty()) {
    keys.insert(*key);
  }
  aws::Lambda lambda(session);
  for (const auto& name : config.stage_names()) {
    auto version = stage_version(config, stack, name);
    if (!version || !is_version_number(*version)) {
      continue;
    }
    auto function = lambda.get_function(config.name, *version);
    if (!function) {
      continue; // the version is gone, and with it the need of its package
    }
    auto code = function->value("/Configuration/CodeSha256"_json_pointer,
                                std::string());
    if (auto key = package_key_for_code(config, code)) {
      keys.insert(*key);
    }
  }
  return keys;
}

} // namespace slam::deploy
