#include "slam/package/python_environment.hpp"

#include "slam/package/python_environment_script.hpp"
#include "slam/package/python_runtime.hpp"
#include "slam/util/error.hpp"
#include "slam/util/process.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace slam::package {
namespace {

using nlohmann::json;

// The marker values of the Lambda platform; the Python version stays the
// environment's own, since that is what its distributions were chosen for.
json marker_target(const std::string& architecture)
{
  return {{"implementation_name", "cpython"},
          {"os_name", "posix"},
          {"platform_machine", machine_of(architecture)},
          {"platform_python_implementation", "CPython"},
          {"platform_system", "Linux"},
          {"sys_platform", "linux"}};
}

std::string request_of(const EnvironmentQuery& query)
{
  auto requirements = json::array();
  for (const auto& requirement : query.requirements) {
    requirements.push_back({{"name", requirement.name},
                            {"specifier", requirement.specifier},
                            {"marker", requirement.marker}});
  }
  return json{{"target", marker_target(query.architecture)},
              {"requirements", requirements},
              {"use_packaging", query.use_packaging}}
      .dump();
}

Distribution distribution_of(const json& item)
{
  Distribution distribution;
  distribution.name = item.at("name").get<std::string>();
  distribution.version = item.at("version").get<std::string>();
  distribution.location = item.at("location").get<std::string>();
  if (!item.at("files").is_null()) {
    distribution.files = item.at("files").get<std::vector<std::string>>();
  }
  for (const auto& dependency : item.at("dependencies")) {
    distribution.dependencies.push_back(
        {dependency.at("name").get<std::string>(),
         dependency.at("extras").get<std::vector<std::string>>(),
         dependency.at("when").get<std::vector<std::string>>()});
  }
  return distribution;
}

RequirementStatus status_of(const json& item)
{
  RequirementStatus status;
  status.applies = item.at("applies").get<bool>();
  if (!item.at("version").is_null()) {
    status.version = item.at("version").get<std::string>();
  }
  if (!item.at("satisfied").is_null()) {
    status.satisfied = item.at("satisfied").get<bool>();
  }
  return status;
}

} // namespace

EnvironmentReport parse_environment_report(const std::string& output)
{
  try {
    auto document = json::parse(output);
    EnvironmentReport report;
    report.python_version = document.at("python_version").get<std::string>();
    report.system = document.value("system", "");
    report.machine = document.value("machine", "");
    for (const auto& item : document.at("distributions")) {
      report.distributions.push_back(distribution_of(item));
    }
    for (const auto& item : document.at("requirements")) {
      report.requirements.push_back(status_of(item));
    }
    report.warnings = document.at("warnings").get<std::vector<std::string>>();
    return report;
  } catch (const json::exception& error) {
    throw Error(fmt::format("unexpected report ({})", error.what()));
  }
}

EnvironmentReport query_environment(const EnvironmentQuery& query)
{
  // The program goes on stdin so that the command line logged with -v is
  // short: the interpreter and the request.
  util::ProcessOptions options;
  options.input = environment_script();
  if (!query.project_dir.empty()) {
    options.cwd = query.project_dir;
  }
  auto result = util::run_process(
      {query.interpreter.string(), "-", request_of(query)}, options);
  try {
    if (result.exit_code != 0) {
      throw Error(fmt::format("exit {}", result.exit_code));
    }
    auto report = parse_environment_report(result.out);
    if (report.requirements.size() != query.requirements.size()) {
      throw Error("unexpected report");
    }
    return report;
  } catch (const Error& error) {
    auto detail = result.err.empty() ? "" : ":\n" + result.err;
    throw Error(
        fmt::format("cannot list the distributions of the python environment "
                    "'{}' ({}){}",
                    query.name,
                    error.what(),
                    detail));
  }
}

} // namespace slam::package
