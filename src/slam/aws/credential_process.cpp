#include "slam/aws/credential_process.hpp"

#include "slam/aws/credential_json.hpp"
#include "slam/util/error.hpp"
#include "slam/util/process.hpp"
#include "slam/util/shell_words.hpp"

#include <charconv>
#include <cstdlib>
#include <fmt/core.h>

namespace slam::aws {
namespace {

void check_version(const nlohmann::json& output, const std::string& source)
{
  auto it = output.find("Version");
  if (it == output.end()) {
    throw Error(
        fmt::format("{} printed no Version; slam reads Version 1", source));
  }
  if (!it->is_number_integer() || it->get<long long>() != 1) {
    throw Error(fmt::format("{} printed Version {}; slam reads Version 1",
                            source,
                            it->is_number() ? it->dump()
                                            : std::string("of another type")));
  }
}

} // namespace

// The most a credential process may print.
constexpr std::size_t k_max_output = 1024 * 1024;

std::chrono::milliseconds process_timeout()
{
  const char* text = std::getenv("SLAM_CREDENTIAL_PROCESS_TIMEOUT");
  double seconds = 0;
  if (text != nullptr && *text != '\0') {
    std::string_view view(text);
    auto [end, error] =
        std::from_chars(view.data(), view.data() + view.size(), seconds);
    if (error != std::errc() || end != view.data() + view.size() ||
        seconds <= 0) {
      throw UsageError(fmt::format("SLAM_CREDENTIAL_PROCESS_TIMEOUT is '{}', "
                                   "not a number of seconds",
                                   text));
    }
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
  }
  return std::chrono::minutes(2);
}

Credentials parse_process_output(std::string_view output,
                                 const std::string& source)
{
  auto json = nlohmann::json::parse(output, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    // The parser's own message quotes the text around the error, which
    // may be a secret.
    throw Error(
        fmt::format("{} printed something that is not a JSON object", source));
  }
  check_version(json, source);
  return credentials_from_json(json, source, {"SessionToken", "printed"});
}

Credentials process_credentials(const std::string& command,
                                const std::string& profile)
{
  auto source = fmt::format("credential_process of profile '{}'", profile);
  std::vector<std::string> argv;
  try {
    argv = util::split_shell_words(command);
  } catch (const Error& error) {
    throw UsageError(fmt::format("{}: {}", source, error.what()));
  }
  if (argv.empty()) {
    throw UsageError(fmt::format("{} is empty", source));
  }
  util::ProcessOptions options;
  options.timeout = process_timeout();
  options.own_process_group = false; // it may ask on the terminal
  options.pass_stderr = true;
  // A credentials document is a few KB; more is a wrong command (`yes`).
  options.max_output = k_max_output;
  util::ProcessResult result;
  try {
    result = util::run_process(argv, options);
  } catch (const Error& error) {
    throw Error(fmt::format("{}: {}", source, error.what()));
  }
  if (result.timed_out) {
    throw Error(fmt::format("{} ('{}') did not finish within {} s; it was "
                            "stopped",
                            source,
                            argv[0],
                            options.timeout->count() / 1000.0));
  }
  if (result.output_exceeded) {
    throw Error(fmt::format("{} ('{}') printed more than {} KiB; it was "
                            "stopped",
                            source,
                            argv[0],
                            k_max_output / 1024));
  }
  if (result.exit_code != 0) {
    throw Error(fmt::format("{} ('{}') failed with exit status {}; its "
                            "messages, if any, are above",
                            source,
                            argv[0],
                            result.exit_code));
  }
  return parse_process_output(result.out, source);
}

} // namespace slam::aws
