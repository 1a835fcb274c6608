#include "slam/package/python_environment.hpp"
#include "slam/package/python_environment_script.hpp"
#include "slam/util/process.hpp"

#include <gtest/gtest.h>
#include <utility>

using namespace slam::package;

namespace {

// Markers and whether they hold on Lambda x86_64 for a Python 3.11
// environment.
const std::vector<std::pair<std::string, bool>> k_markers{
    {R"(python_version >= "3.8")", true},
    {R"(python_version < "3.10")", false},
    {R"(python_version == "3.11")", true},
    {R"(python_version > "3.11")", false},
    {R"(python_version ~= "3.9")", true},
    {R"(python_version == "3.*")", true},
    {R"(python_version != "3.11.*")", false},
    {R"(python_full_version >= "3.11.0")", true},
    {R"(sys_platform == "win32")", false},
    {R"(sys_platform == 'linux' and platform_machine == 'x86_64')", true},
    {R"(platform_system == "Windows" or os_name == "posix")", true},
    {R"((python_version < "3" or sys_platform != "darwin") and )"
     R"(implementation_name == "cpython")",
     true},
    {R"("linux" in sys_platform)", true},
    {R"(platform_machine not in "aarch64 arm64")", true},
    {R"(extra == "dotenv")", false},
    {R"(platform_python_implementation == 'PyPy')", false},
};

std::vector<bool> evaluate(bool use_packaging)
{
  EnvironmentQuery query{.interpreter = *slam::util::find_program("python3"),
                         .name = "python3",
                         .architecture = "x86_64",
                         .use_packaging = use_packaging};
  for (const auto& [marker, holds] : k_markers) {
    query.requirements.push_back({.name = "flask", .marker = marker});
  }
  auto report = query_environment(query);
  EXPECT_EQ(report.warnings, std::vector<std::string>{});
  std::vector<bool> applies;
  for (const auto& status : report.requirements) {
    applies.push_back(status.applies);
  }
  return applies;
}

std::vector<bool> expected()
{
  std::vector<bool> holds;
  for (const auto& item : k_markers) {
    holds.push_back(item.second);
  }
  return holds;
}

} // namespace

TEST(PythonEnvironmentScript, is_valid_python)
{
  slam::util::ProcessOptions options;
  options.input = environment_script();
  auto result = slam::util::run_process(
      {"/usr/bin/python3",
       "-c",
       "import sys; compile(sys.stdin.read(), 'script', 'exec')"},
      options);
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST(PythonEnvironmentScript, packaging_evaluates_markers_for_lambda)
{
  EXPECT_EQ(evaluate(true), expected());
}

TEST(PythonEnvironmentScript, own_evaluator_agrees_with_packaging)
{
  EXPECT_EQ(evaluate(false), expected());
}

TEST(PythonEnvironmentScript, own_specifier_check_handles_common_clauses)
{
  EnvironmentQuery query{.interpreter = *slam::util::find_program("python3"),
                         .name = "python3",
                         .architecture = "x86_64",
                         .use_packaging = false};
  for (auto specifier :
       {">=3,<4", "==3.1.3", "~=3.1", "==3.*", "!=3.1.3", "<3", ">3.1.3"}) {
    query.requirements.push_back({.name = "Flask", .specifier = specifier});
  }
  std::vector<std::optional<bool>> satisfied;
  for (const auto& status : query_environment(query).requirements) {
    satisfied.push_back(status.satisfied);
  }
  EXPECT_EQ(satisfied,
            (std::vector<std::optional<bool>>{
                true, true, true, true, false, false, false}));
}

TEST(PythonEnvironmentScript, unreadable_marker_is_taken_as_true_with_a_warning)
{
  for (bool use_packaging : {true, false}) {
    auto report = query_environment(
        {.interpreter = *slam::util::find_program("python3"),
         .name = "python3",
         .architecture = "x86_64",
         .requirements = {{.name = "x", .marker = "python_version <<< '3'"}},
         .use_packaging = use_packaging});
    EXPECT_EQ(report.requirements,
              (std::vector<RequirementStatus>{{true, {}, {}}}));
    ASSERT_EQ(report.warnings.size(), 1U);
    EXPECT_TRUE(report.warnings[0].starts_with(
        "cannot evaluate the marker 'python_version <<< '3''"))
        << report.warnings[0];
  }
}
