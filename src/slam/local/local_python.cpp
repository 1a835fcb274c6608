#include "slam/local/local_python.hpp"

#include "slam/util/error.hpp"
#include "slam/util/log.hpp"
#include "slam/util/process.hpp"

#include <fmt/core.h>

namespace slam::local {
namespace {

namespace fs = std::filesystem;

fs::path resolve(const std::string& program)
{
  if (program.find('/') != std::string::npos) {
    if (!fs::exists(program)) {
      throw Error(fmt::format("python interpreter '{}' not found", program));
    }
    return fs::absolute(program);
  }
  auto found = util::find_program(program);
  if (!found) {
    throw Error(
        fmt::format("python interpreter '{}' not found on PATH", program));
  }
  return *found;
}

// Return the interpreter REQUESTED with --python, once PROBE has seen it
// answer as a Python 3: a wrong path fails now, not in every worker.
fs::path checked_request(const std::string& requested,
                         const std::string& runtime,
                         const std::string& version,
                         const package::ProbeInterpreter& probe)
{
  auto path = resolve(requested);
  auto found = probe(path);
  if (!found) {
    throw Error(fmt::format("'{}' (--python) is not a Python 3 interpreter: "
                            "it does not run or answer as one",
                            requested));
  }
  if (found->version != version) {
    util::warn(fmt::format("'{}' is Python {}, the runtime '{}' is Python {}: "
                           "the function may behave differently",
                           requested,
                           found->version,
                           runtime,
                           version));
  }
  return path;
}

} // namespace

fs::path choose_local_python(const config::Config& config,
                             const std::string& requested,
                             const package::ProbeInterpreter& probe)
{
  const auto& runtime = config.aws.lambda_runtime;
  auto version = runtime.substr(runtime.find_first_of("0123456789"));
  if (!requested.empty()) {
    return checked_request(requested, runtime, version, probe);
  }
  auto choice = package::choose_bytecode_interpreter(
      package::bytecode_candidates(
          config.package.python_environment, config.project_dir, version),
      version,
      probe);
  if (choice.interpreter) {
    return resolve(choice.interpreter->path.string());
  }
  util::warn(fmt::format("no Python {} for the runtime '{}' here (tried {}); "
                         "running the function with python3, which may "
                         "behave differently; --python chooses another",
                         version,
                         runtime,
                         choice.tried));
  return resolve("python3");
}

} // namespace slam::local
