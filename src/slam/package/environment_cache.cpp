#include "slam/package/environment_cache.hpp"

#include "slam/package/build_inputs.hpp"
#include "slam/package/file_stamp.hpp"
#include "slam/package/python_environment_script.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/log.hpp"

#include <cstdlib>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <set>

namespace slam::package {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The variables that change where the interpreter looks for
// distributions.
constexpr const char* k_search_variables[] = {"PYTHONPATH",
                                              "PYTHONHOME",
                                              "PYTHONUSERBASE",
                                              "PYTHONNOUSERSITE",
                                              "PYTHONSAFEPATH",
                                              "HOME"};

// Return the folders of REPORT a change of the installed distributions
// shows in, and the files that decide what the interpreter is.
std::set<std::string> watched_paths(const fs::path& interpreter,
                                    const EnvironmentReport& report)
{
  std::set<std::string> paths{
      interpreter.string(),
      (interpreter.parent_path().parent_path() / "pyvenv.cfg").string()};
  paths.insert(report.search_path.begin(), report.search_path.end());
  for (const auto& distribution : report.distributions) {
    paths.insert(distribution.location.string());
    for (const auto& file :
         distribution.files.value_or(std::vector<std::string>{})) {
      auto top = fs::path(file).begin()->string();
      if (top.ends_with(".dist-info") || top.ends_with(".egg-info")) {
        auto info = distribution.location / top;
        paths.insert(info.string());
        // Edited in place, they change the answer but not the folder.
        paths.insert((info / "RECORD").string());
        paths.insert((info / "METADATA").string());
        paths.insert((info / "PKG-INFO").string());
      }
    }
  }
  return paths;
}

json stamp_json(const std::string& path, const FileStamp& stamp)
{
  return {path,
          stamp.device,
          stamp.inode,
          stamp.size,
          stamp.modified_ns,
          stamp.changed_ns};
}

bool still_holds(const json& saved)
{
  auto path = saved.at(0).get<std::string>();
  return stamp_json(path, stamp_of(path)) == saved;
}

FileStamp stamp_in(const json& saved)
{
  return {saved.at(3).get<std::uint64_t>(),
          saved.at(4).get<std::int64_t>(),
          saved.at(2).get<std::uint64_t>(),
          saved.at(1).get<std::uint64_t>(),
          saved.at(5).get<std::int64_t>()};
}

} // namespace

std::string environment_cache_key(const fs::path& interpreter,
                                  const fs::path& project_dir,
                                  const std::string& request)
{
  auto key = json{{"script", util::sha256_hex(environment_script())},
                  {"interpreter", fs::absolute(interpreter).string()},
                  {"cwd", project_dir.string()},
                  {"request", request}};
  for (const auto* name : k_search_variables) {
    const char* value = std::getenv(name);
    key[name] = value ? json(value) : json();
  }
  return util::sha256_hex(key.dump());
}

std::optional<std::string> cached_environment_output(const fs::path& file,
                                                     const std::string& key)
{
  std::error_code error;
  if (!fs::is_regular_file(file, error)) {
    return std::nullopt;
  }
  try {
    auto text = util::read_file(file);
    auto end_of_header = text.find('\n');
    auto header = json::parse(text.substr(0, end_of_header));
    if (end_of_header == std::string::npos || header.at("key") != key) {
      return std::nullopt;
    }
    for (const auto& saved : header.at("stamps")) {
      if (!still_holds(saved)) {
        util::debugf("'{}' changed: asking the python environment again",
                     saved.at(0).get<std::string>());
        return std::nullopt;
      }
    }
    for (const auto& saved : header.at("stamps")) {
      record_exact_input(saved.at(0).get<std::string>(), stamp_in(saved));
    }
    return text.substr(end_of_header + 1);
  } catch (const std::exception& error) {
    util::debugf("ignoring '{}': {}", file.string(), error.what());
    return std::nullopt;
  }
}

void save_environment_output(const fs::path& file,
                             const std::string& key,
                             std::int64_t started_ns,
                             const fs::path& interpreter,
                             const EnvironmentReport& report,
                             const std::string& output)
{
  std::error_code error;
  // A wrapper (a pyenv shim) may pick another interpreter next time
  // without changing any stamp.
  auto real = fs::canonical(interpreter, error);
  if (error || real.string() != report.executable) {
    distrust_inputs("the python environment's interpreter is a wrapper");
    return;
  }
  auto stamps = json::array();
  for (const auto& path : watched_paths(interpreter, report)) {
    auto stamp = stamp_of(path);
    if (!modified_before(stamp, started_ns)) {
      util::debugf("'{}' changed just now: not caching the answer of the "
                   "python environment",
                   path);
      distrust_inputs("the python environment changed just now");
      return;
    }
    stamps.push_back(stamp_json(path, stamp));
  }
  auto header = json{{"key", key}, {"stamps", stamps}};
  try {
    fs::create_directories(file.parent_path());
    util::write_file_atomic(file, header.dump() + "\n" + output);
    for (const auto& saved : stamps) {
      record_exact_input(saved.at(0).get<std::string>(), stamp_in(saved));
    }
  } catch (const std::exception& failure) {
    distrust_inputs("the python environment's answer was not saved");
    util::debugf("cannot cache the python environment's answer: {}",
                 failure.what());
  }
}

} // namespace slam::package
