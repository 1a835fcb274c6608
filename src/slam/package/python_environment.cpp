#include "slam/package/python_environment.hpp"

#include "slam/package/environment_cache.hpp"
#include "slam/package/file_stamp.hpp"
#include "slam/package/python_environment_script.hpp"
#include "slam/package/python_runtime.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"
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
    report.executable = document.value("executable", "");
    report.search_path =
        document.value("search_path", std::vector<std::string>{});
    return report;
  } catch (const json::exception& error) {
    throw Error(fmt::format("unexpected report ({})", error.what()));
  }
}

namespace {

// Return the report in OUTPUT, which answers QUERY; throw slam::Error
// when it is not such a report.
EnvironmentReport report_for(const EnvironmentQuery& query,
                             const std::string& output)
{
  auto report = parse_environment_report(output);
  if (report.requirements.size() != query.requirements.size()) {
    throw Error("unexpected report");
  }
  return report;
}

// Return the answer of QUERY's interpreter to REQUEST, and the report it
// holds.
std::pair<std::string, EnvironmentReport>
ask_interpreter(const EnvironmentQuery& query, const std::string& request)
{
  // The program goes on stdin so that the command line logged with -v is
  // short: the interpreter and the request.
  util::ProcessOptions options;
  options.input = environment_script();
  if (!query.project_dir.empty()) {
    options.cwd = query.project_dir;
  }
  auto result =
      util::run_process({query.interpreter.string(), "-", request}, options);
  try {
    if (result.exit_code != 0) {
      throw Error(fmt::format("exit {}", result.exit_code));
    }
    auto report = report_for(query, result.out);
    return {std::move(result.out), std::move(report)};
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

// Return the report cached for KEY, or nothing.
std::optional<EnvironmentReport> cached_report(const EnvironmentQuery& query,
                                               const std::string& key)
{
  auto output = cached_environment_output(query.cache_file, key);
  if (!output) {
    return std::nullopt;
  }
  try {
    auto report = report_for(query, *output);
    util::debugf("python environment '{}': reusing its answer from '{}'",
                 query.name,
                 query.cache_file.string());
    return report;
  } catch (const Error&) {
    return std::nullopt;
  }
}

} // namespace

EnvironmentReport query_environment(const EnvironmentQuery& query)
{
  auto request = request_of(query);
  if (query.cache_file.empty()) {
    return ask_interpreter(query, request).second;
  }
  auto key =
      environment_cache_key(query.interpreter, query.project_dir, request);
  if (auto report = cached_report(query, key)) {
    return *report;
  }
  auto started = now_ns();
  auto [output, report] = ask_interpreter(query, request);
  save_environment_output(
      query.cache_file, key, started, query.interpreter, report, output);
  return report;
}

} // namespace slam::package
