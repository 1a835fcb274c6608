#pragma once

// Helpers shared by the tests of src/slam/package/dependencies* and
// friends: temporary folders, small files, fake Python distributions.

#include "slam/package/dependencies.hpp"
#include "slam/util/files.hpp"
#include "slam/util/process.hpp"

#include <cstdlib>
#include <filesystem>
#include <fmt/core.h>
#include <fstream>
#include <gtest/gtest.h>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace slam::test {

namespace fs = std::filesystem;

// A fresh temporary folder, removed with everything in it at the end.
class TempFolder
{
public:
  TempFolder() : m_path(util::make_temp_dir("slam-deps-test-")) {}
  ~TempFolder()
  {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const fs::path& path() const { return m_path; }

private:
  fs::path m_path;
};

// Remove an environment variable for the lifetime of the object.
class UnsetVariable
{
public:
  explicit UnsetVariable(std::string name) : m_name(std::move(name))
  {
    if (const char* value = std::getenv(m_name.c_str())) {
      m_value = value;
    }
    ::unsetenv(m_name.c_str());
  }
  ~UnsetVariable()
  {
    if (m_value) {
      ::setenv(m_name.c_str(), m_value->c_str(), 1);
    }
  }
  UnsetVariable(const UnsetVariable&) = delete;
  UnsetVariable& operator=(const UnsetVariable&) = delete;

private:
  std::string m_name;
  std::optional<std::string> m_value;
};

// Give an environment variable VALUE for the lifetime of the object.
class ReplaceVariable
{
public:
  ReplaceVariable(std::string name, const std::string& value)
      : m_unset(name), m_name(std::move(name))
  {
    ::setenv(m_name.c_str(), value.c_str(), 1);
  }
  ~ReplaceVariable() { ::unsetenv(m_name.c_str()); } // m_unset restores

private:
  UnsetVariable m_unset;
  std::string m_name;
};

// Change the current folder for the lifetime of the object.
class CurrentFolder
{
public:
  explicit CurrentFolder(const fs::path& folder)
      : m_previous(fs::current_path())
  {
    fs::current_path(folder);
  }
  ~CurrentFolder() { fs::current_path(m_previous); }
  CurrentFolder(const CurrentFolder&) = delete;
  CurrentFolder& operator=(const CurrentFolder&) = delete;

private:
  fs::path m_previous;
};

// Write CONTENT to PATH, creating its folder.
inline void write(const fs::path& path, const std::string& content)
{
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// Return the names of the entries directly in FOLDER.
inline std::set<std::string> entries_of(const fs::path& folder)
{
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

// Return the paths of the files of DEPENDENCIES.
inline std::set<std::string>
paths_of(const slam::package::Dependencies& dependencies)
{
  std::set<std::string> paths;
  for (const auto& file : dependencies.files) {
    paths.insert(file.path);
  }
  return paths;
}

// Return the top-level names of the files of DEPENDENCIES.
inline std::set<std::string>
entries_of(const slam::package::Dependencies& dependencies)
{
  std::set<std::string> names;
  for (const auto& path : paths_of(dependencies)) {
    names.insert(path.substr(0, path.find('/')));
  }
  return names;
}

// Return every file under FOLDER, relative and '/'-separated.
inline std::set<std::string> files_under(const fs::path& folder)
{
  std::set<std::string> names;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) {
      names.insert(entry.path().lexically_relative(folder).generic_string());
    }
  }
  return names;
}

// A distribution to install by hand into a site-packages folder.
struct FakeDistribution
{
  std::string name{}; // also its import package, lowercased
  std::string version = "1.0";
  std::vector<std::string> requires_dist{};
  std::vector<std::string> provides_extra{};
};

// Install DISTRIBUTION into SITE_PACKAGES as pip would: the package, its
// dist-info, and a RECORD that also lists a script outside site-packages
// and bytecode.
inline void install_fake(const fs::path& site_packages,
                         const FakeDistribution& distribution)
{
  auto package = distribution.name;
  for (auto& c : package) {
    c = c == '-' ? '_' : static_cast<char>(std::tolower(c));
  }
  auto info = fmt::format("{}-{}.dist-info", package, distribution.version);
  std::string metadata =
      fmt::format("Metadata-Version: 2.1\nName: {}\nVersion: {}\n",
                  distribution.name,
                  distribution.version);
  for (const auto& extra : distribution.provides_extra) {
    metadata += "Provides-Extra: " + extra + "\n";
  }
  for (const auto& requirement : distribution.requires_dist) {
    metadata += "Requires-Dist: " + requirement + "\n";
  }
  write(site_packages / package / "__init__.py", "NAME = 'fake'\n");
  write(site_packages / package / "__pycache__" / "__init__.cpython-311.pyc",
        "bytecode");
  write(site_packages / info / "METADATA", metadata);
  write(site_packages / info / "RECORD",
        fmt::format("{0}/__init__.py,,\n"
                    "{0}/__pycache__/__init__.cpython-311.pyc,,\n"
                    "{1}/METADATA,,\n"
                    "{1}/RECORD,,\n"
                    "../../../bin/{0}-tool,,\n",
                    package,
                    info));
}

// Build a pure-Python wheel NAME-1.0 into FOLDER, as a zip made by
// Python's zipfile so that the test does not rely on our zip writer.
inline void build_wheel(const fs::path& folder, const std::string& name)
{
  TempFolder source;
  auto info = name + "-1.0.dist-info";
  write(source.path() / name / "__init__.py", "VALUE = 1\n");
  write(source.path() / info / "METADATA",
        fmt::format("Metadata-Version: 2.1\nName: {}\nVersion: 1.0\n", name));
  write(source.path() / info / "WHEEL",
        "Wheel-Version: 1.0\nGenerator: slam-test\nRoot-Is-Purelib: true\n"
        "Tag: py3-none-any\n");
  write(source.path() / info / "RECORD",
        fmt::format("{0}/__init__.py,,\n{1}/METADATA,,\n{1}/WHEEL,,\n"
                    "{1}/RECORD,,\n",
                    name,
                    info));
  fs::create_directories(folder);
  auto wheel = folder / (name + "-1.0-py3-none-any.whl");
  util::ProcessOptions options;
  options.cwd = source.path();
  auto result = util::run_process(
      {"python3", "-m", "zipfile", "-c", wheel.string(), name, info}, options);
  ASSERT_EQ(result.exit_code, 0) << result.err;
}

// Create a virtualenv without pip in FOLDER and return its site-packages.
inline fs::path make_virtualenv(const fs::path& folder)
{
  auto result = util::run_process(
      {"/usr/bin/python3", "-m", "venv", "--without-pip", folder.string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  for (const auto& entry : fs::directory_iterator(folder / "lib")) {
    return entry.path() / "site-packages";
  }
  return {};
}

} // namespace slam::test
