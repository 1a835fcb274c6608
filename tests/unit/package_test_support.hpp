#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace slam::config {
struct Config;
}

namespace slam::test {

// A fresh temporary folder, removed with everything in it at the end of
// the test.
class TempDir
{
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }

private:
  std::filesystem::path m_path;
};

// Write CONTENT to PATH, creating its folders, with permissions MODE.
void write_file(const std::filesystem::path& path,
                std::string_view content,
                std::filesystem::perms mode = std::filesystem::perms(0644));

// Return what Python's zipfile sees in the archive at PATH:
// {"testzip": null or the first bad name, "entries": [{"name", "mode"
// (octal string), "date_time", "method", "utf8", "system", "size",
// "content_hex"}, ...]} in archive order.
nlohmann::json read_zip_with_python(const std::filesystem::path& path);

// Return the exit code and output of `unzip -t PATH`.
std::pair<int, std::string>
test_zip_with_unzip(const std::filesystem::path& path);

// Return the config of a plain-function project NAME at ROOT whose module
// and app are "app", built without bytecode (no interpreter needed).
slam::config::Config function_project(const std::filesystem::path& root,
                                      const std::string& name);

// Return the error message of package::build_with_dependencies(CONFIG,
// DEPENDENCY_DIR), or "" when it builds.
std::string build_error(const slam::config::Config& config,
                        const std::filesystem::path& dependency_dir);

} // namespace slam::test
