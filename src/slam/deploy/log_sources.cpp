#include "slam/deploy/log_sources.hpp"

#include "slam/cfn/plugins/wsgi.hpp"
#include "slam/deploy/parameters.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>

namespace slam::deploy {
namespace {

// Enough of a stream id to tell the function's instances apart.
constexpr std::size_t k_label_id_length = 8;

} // namespace

std::optional<std::string> stream_version(std::string_view stream)
{
  // Lambda names streams DATE/[VERSION]ID; a date has no brackets.
  auto open = stream.find('[');
  if (open == std::string_view::npos) {
    return std::nullopt;
  }
  auto close = stream.find(']', open);
  if (close == std::string_view::npos) {
    return std::nullopt;
  }
  return std::string(stream.substr(open + 1, close - open - 1));
}

bool keeps_stream(const LogSource& source, std::string_view stream)
{
  return source.version.empty() || stream_version(stream) == source.version;
}

std::string stream_label(const LogSource& source, std::string_view stream)
{
  auto start = stream.find(']');
  start = start == std::string_view::npos ? stream.rfind('/') : start;
  auto id = start == std::string_view::npos ? stream : stream.substr(start + 1);
  return fmt::format("{}/{}", source.kind, id.substr(0, k_label_id_length));
}

std::string api_execution_log_group(const std::string& api_id,
                                    const std::string& stage)
{
  // API Gateway's own name for a stage's execution logs.
  return fmt::format("API-Gateway-Execution-Logs_{}/{}", api_id, stage);
}

std::optional<std::string> rest_api_id(const aws::Stack& stack)
{
  auto api_id = stack.outputs.find(std::string(cfn::k_api_id_output));
  if (api_id == stack.outputs.end()) {
    return std::nullopt;
  }
  return api_id->second;
}

std::vector<LogSource> log_sources(const config::Config& config,
                                   const std::string& stage,
                                   const aws::Stack& stack)
{
  auto version = stage_version(config, stack, stage);
  if (!version) {
    throw Error(fmt::format("stage '{}' is not deployed; run 'slam deploy "
                            "--stage {}' first",
                            stage,
                            stage));
  }
  std::vector<LogSource> sources = {
      {"/aws/lambda/" + config.name, "lambda", *version}};
  if (!config.wsgi.enabled || !config.wsgi.deploy_api_gateway) {
    return sources;
  }
  auto api_id = rest_api_id(stack);
  if (!api_id) {
    util::debugf("no '{}' output in the stack: showing no API logs",
                 cfn::k_api_id_output);
    return sources;
  }
  sources.push_back({api_execution_log_group(*api_id, stage), "api", ""});
  return sources;
}

} // namespace slam::deploy
