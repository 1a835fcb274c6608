#include "package_test_support.hpp"
#include "slam/local/local_python.hpp"
#include "slam/util/error.hpp"

#include <cstdlib>
#include <gtest/gtest.h>

namespace fs = std::filesystem;
using slam::local::choose_local_python;
using slam::package::InterpreterProbe;

namespace {

// Fake interpreters on a PATH of their own, for the test's duration.
class LocalPythonTest : public ::testing::Test
{
protected:
  LocalPythonTest() : m_old_path(std::getenv("PATH"))
  {
    for (const auto* name : {"python3.12", "python3"}) {
      slam::test::write_file(
          m_bin.path() / name, "#!/bin/sh\nexit 1\n", fs::perms(0755));
    }
    ::setenv("PATH", m_bin.path().c_str(), 1);
    m_config.project_dir = m_bin.path();
    m_config.aws.lambda_runtime = "python3.12";
  }
  ~LocalPythonTest() override { ::setenv("PATH", m_old_path.c_str(), 1); }

  slam::test::TempDir m_bin;
  std::string m_old_path;
  slam::config::Config m_config;
};

// A probe that finds CPython VERSION in every interpreter named like it.
slam::package::ProbeInterpreter probe_finding(std::string version)
{
  return [version](const fs::path& program) -> std::optional<InterpreterProbe> {
    if (program.filename() == "python" + version) {
      return InterpreterProbe{"cpython", version, "m"};
    }
    return std::nullopt;
  };
}

} // namespace

TEST_F(LocalPythonTest, prefers_the_runtimes_python)
{
  EXPECT_EQ(choose_local_python(m_config, "", probe_finding("3.12")),
            m_bin.path() / "python3.12");
}

// Expect that choosing REQUESTED with a probe that finds VERSION gives
// python3 and warns with WARNING.
void expect_python3_with_warning(const slam::config::Config& config,
                                 const std::string& requested,
                                 const std::string& version,
                                 const std::string& warning)
{
  testing::internal::CaptureStderr();
  auto chosen = choose_local_python(config, requested, probe_finding(version));
  auto written = testing::internal::GetCapturedStderr();
  EXPECT_EQ(chosen.filename(), "python3");
  EXPECT_NE(written.find(warning), std::string::npos) << written;
}

TEST_F(LocalPythonTest, falls_back_to_python3)
{
  expect_python3_with_warning(
      m_config,
      "",
      "3.9",
      "slam: warning: no Python 3.12 for the runtime 'python3.12' here");
}

TEST_F(LocalPythonTest, takes_the_requested_one)
{
  EXPECT_EQ(choose_local_python(m_config, "python3.12", probe_finding("3.12")),
            m_bin.path() / "python3.12");
  EXPECT_THROW(choose_local_python(m_config, "/no/such/python", {}),
               slam::Error);
  EXPECT_THROW(choose_local_python(m_config, "python2.1", {}), slam::Error);
}

TEST_F(LocalPythonTest, a_requested_program_that_is_no_python_is_an_error)
{
  try {
    choose_local_python(m_config, "python3", probe_finding("3.12"));
    FAIL() << "took a program that does not answer as a Python";
  } catch (const slam::Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "'python3' (--python) is not a Python 3 interpreter: it does "
              "not run or answer as one");
  }
}

TEST_F(LocalPythonTest, a_requested_python_of_another_version_is_warned_of)
{
  expect_python3_with_warning(
      m_config,
      "python3",
      "3",
      "slam: warning: 'python3' is Python 3, the runtime 'python3.12' is "
      "Python 3.12");
}
