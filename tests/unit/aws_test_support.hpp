#pragma once

// Helpers shared by the tests of src/slam/aws: the location of the shared
// test data and an environment that each test owns.

#include "slam/util/files.hpp"
#include "source_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <optional>
#include <string>
#include <unistd.h>

extern char** environ;

namespace slam::aws::testing {

// Return ../shared/testdata/SUBDIR (from SLAM_SHARED_DIR, else next to the
// source tree) when it exists.
inline std::optional<std::filesystem::path>
shared_testdata(const std::string& subdir)
{
  const char* from_env = std::getenv("SLAM_SHARED_DIR");
  std::filesystem::path shared = from_env != nullptr
                                     ? std::filesystem::path(from_env)
                                     : slam::test::source_dir() / "../shared";
  auto dir = shared / "testdata" / subdir;
  if (std::filesystem::is_directory(dir)) {
    return dir;
  }
  return std::nullopt;
}

// Set (or, with nullopt, unset) an environment variable for the lifetime
// of this object.
class ScopedEnv
{
public:
  ScopedEnv(std::string name, std::optional<std::string> value)
      : m_name(std::move(name))
  {
    if (const char* old = std::getenv(m_name.c_str())) {
      m_old = old;
    }
    apply(value);
  }
  ~ScopedEnv() { apply(m_old); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
  void apply(const std::optional<std::string>& value)
  {
    if (value) {
      ::setenv(m_name.c_str(), value->c_str(), 1);
    } else {
      ::unsetenv(m_name.c_str());
    }
  }

  std::string m_name;
  std::optional<std::string> m_old;
};

// A test with no AWS_* variables, HOME in a fresh temporary folder, and
// everything restored afterwards.
class AwsEnvTest : public ::testing::Test
{
protected:
  void SetUp() override
  {
    for (char** entry = environ; *entry != nullptr; ++entry) {
      std::string text = *entry;
      auto name = text.substr(0, text.find('='));
      if (name.starts_with("AWS_")) {
        m_saved[name] = text.substr(name.size() + 1);
      }
    }
    for (const auto& [name, value] : m_saved) {
      ::unsetenv(name.c_str());
    }
    m_home = util::make_temp_dir("slam-aws-test-");
    m_old_home.emplace("HOME", m_home.string());
  }

  void TearDown() override
  {
    m_old_home.reset();
    std::filesystem::remove_all(m_home);
    for (char** entry = environ; *entry != nullptr;) {
      std::string text = *entry;
      auto name = text.substr(0, text.find('='));
      if (name.starts_with("AWS_")) {
        ::unsetenv(name.c_str()); // restarts the scan: environ changed
        entry = environ;
      } else {
        ++entry;
      }
    }
    for (const auto& [name, value] : m_saved) {
      ::setenv(name.c_str(), value.c_str(), 1);
    }
  }

  // Set the AWS_* variable NAME to VALUE until the test ends.
  void set_env(const std::string& name, const std::string& value)
  {
    ::setenv(name.c_str(), value.c_str(), 1);
  }

  // Write CONTENT to HOME/RELATIVE, creating folders, and return the path.
  std::filesystem::path write_home_file(const std::string& relative,
                                        const std::string& content)
  {
    auto path = m_home / relative;
    std::filesystem::create_directories(path.parent_path());
    util::write_file_atomic(path, content);
    return path;
  }

  std::filesystem::path m_home;

private:
  std::map<std::string, std::string> m_saved;
  std::optional<ScopedEnv> m_old_home;
};

} // namespace slam::aws::testing
