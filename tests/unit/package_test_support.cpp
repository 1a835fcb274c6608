#include "package_test_support.hpp"

#include "slam/config/config.hpp"
#include "slam/package/package.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/process.hpp"

#include <stdexcept>

namespace fs = std::filesystem;

namespace slam::test {
namespace {

// An independent reader: Python's zipfile, not our code.
constexpr const char* k_zip_reader = R"(
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    entries = []
    for info in archive.infolist():
        entries.append({
            "name": info.filename,
            "mode": oct(info.external_attr >> 16),
            "date_time": list(info.date_time),
            "method": info.compress_type,
            "utf8": bool(info.flag_bits & 0x800),
            "system": info.create_system,
            "size": info.file_size,
            "content_hex": archive.read(info).hex(),
        })
    print(json.dumps({"testzip": archive.testzip(), "entries": entries}))
)";

} // namespace

TempDir::TempDir() : m_path(util::make_temp_dir("slam-test-")) {}

TempDir::~TempDir()
{
  std::error_code ignored;
  fs::remove_all(m_path, ignored);
}

void write_file(const fs::path& path, std::string_view content, fs::perms mode)
{
  fs::create_directories(path.parent_path());
  util::write_file_atomic(path, content);
  fs::permissions(path, mode);
}

nlohmann::json read_zip_with_python(const fs::path& path)
{
  auto result =
      util::run_process({"python3", "-c", k_zip_reader, path.string()});
  if (result.exit_code != 0) {
    throw std::runtime_error("zipfile cannot read " + path.string() + ": " +
                             result.err);
  }
  return nlohmann::json::parse(result.out);
}

std::pair<int, std::string> test_zip_with_unzip(const fs::path& path)
{
  auto result = util::run_process({"unzip", "-t", path.string()});
  return {result.exit_code, result.out + result.err};
}

std::string build_error(const slam::config::Config& config,
                        const fs::path& dependency_dir)
{
  try {
    slam::package::build_with_dependencies(config, dependency_dir);
  } catch (const slam::Error& error) {
    return error.what();
  }
  return "";
}

slam::config::Config function_project(const fs::path& root,
                                      const std::string& name)
{
  slam::config::Config config;
  config.file = root / "slam.yaml";
  config.project_dir = root;
  config.name = name;
  config.module = "app";
  config.app = "app";
  config.interface = slam::config::Interface::function;
  config.package.compile = false;
  return config;
}

} // namespace slam::test
