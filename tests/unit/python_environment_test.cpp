#include "dependencies_test_support.hpp"
#include "slam/package/python_environment.hpp"
#include "slam/util/error.hpp"

#include <algorithm>
#include <gtest/gtest.h>

using namespace slam::package;
using slam::test::FakeDistribution;
using slam::test::TempFolder;

namespace {

const Distribution* find(const EnvironmentReport& report,
                         const std::string& name)
{
  auto& all = report.distributions;
  auto found = std::find_if(all.begin(), all.end(), [&](const auto& item) {
    return item.name == name;
  });
  return found == all.end() ? nullptr : &*found;
}

std::string error_of(const EnvironmentQuery& query)
{
  try {
    query_environment(query);
  } catch (const slam::Error& error) {
    return error.what();
  }
  return "no error";
}

} // namespace

TEST(PythonEnvironment, parses_a_report)
{
  auto output = R"({"python_version": "3.12",
    "system": "Darwin", "machine": "arm64",
    "distributions": [
      {"name": "Flask", "version": "3.1.3", "location": "/site",
       "files": ["flask/__init__.py"],
       "dependencies": [{"name": "click", "extras": [], "when": [""]},
                        {"name": "asgiref", "extras": ["x"],
                         "when": ["async"]}]},
      {"name": "old", "version": "0.1", "location": "/site", "files": null,
       "dependencies": []}],
    "requirements": [
      {"applies": true, "version": "3.1.3", "satisfied": true},
      {"applies": false, "version": null, "satisfied": null}],
    "warnings": ["careful"]})";
  EXPECT_EQ(parse_environment_report(output),
            (EnvironmentReport{
                .python_version = "3.12",
                .system = "Darwin",
                .machine = "arm64",
                .distributions =
                    {{.name = "Flask",
                      .version = "3.1.3",
                      .location = "/site",
                      .files = std::vector<std::string>{"flask/__init__.py"},
                      .dependencies = {{"click", {}, {""}},
                                       {"asgiref", {"x"}, {"async"}}}},
                     {.name = "old", .version = "0.1", .location = "/site"}},
                .requirements = {{true, "3.1.3", true}, {false, {}, {}}},
                .warnings = {"careful"}}));
}

TEST(PythonEnvironment, rejects_output_that_is_not_a_report)
{
  EXPECT_THROW(parse_environment_report("Traceback"), slam::Error);
  EXPECT_THROW(parse_environment_report(R"({"python_version": 3})"),
               slam::Error);
}

// The Debian interpreter has no packaging library, so this exercises the
// script's own marker evaluator on Requires-Dist.
TEST(PythonEnvironment, virtualenv_lists_only_its_own_distributions)
{
  TempFolder temp;
  auto site = slam::test::make_virtualenv(temp.path() / "venv");
  slam::test::install_fake(
      site,
      {.name = "Fake-App",
       .version = "2.0",
       .requires_dist = {"helper>=1",
                         "old-backport; python_version < \"3\"",
                         "winonly; sys_platform == \"win32\"",
                         "armonly; platform_machine == \"aarch64\"",
                         "Fancy_Thing[x] ; extra == \"Fancy\"",
                         "both; extra == 'fancy' or extra == 'other'"},
       .provides_extra = {"fancy"}});
  slam::test::install_fake(site, {.name = "helper"});

  auto report =
      query_environment({.interpreter = temp.path() / "venv/bin/python",
                         .name = "venv",
                         .architecture = "x86_64"});

  auto info = "fake_app-2.0.dist-info";
  EXPECT_EQ(report.python_version, "3.11");
  EXPECT_EQ(report.warnings, std::vector<std::string>{});
  ASSERT_EQ(report.distributions.size(), 2U);
  EXPECT_EQ(
      *find(report, "Fake-App"),
      (Distribution{.name = "Fake-App",
                    .version = "2.0",
                    .location = site,
                    .files =
                        std::vector<std::string>{
                            "fake_app/__init__.py",
                            "fake_app/__pycache__/__init__.cpython-311.pyc",
                            fmt::format("{}/METADATA", info),
                            fmt::format("{}/RECORD", info),
                            "../../../bin/fake_app-tool"},
                    .dependencies = {{"helper", {}, {""}},
                                     {"fancy-thing", {"x"}, {"fancy"}},
                                     {"both", {}, {"fancy", "other"}}}}));
  ASSERT_NE(find(report, "helper"), nullptr);
}

TEST(PythonEnvironment, markers_follow_the_lambda_architecture)
{
  TempFolder temp;
  auto site = slam::test::make_virtualenv(temp.path() / "venv");
  slam::test::install_fake(
      site,
      {.name = "app",
       .requires_dist = {"armonly; platform_machine == 'aarch64'"}});

  auto report =
      query_environment({.interpreter = temp.path() / "venv/bin/python",
                         .name = "venv",
                         .architecture = "arm64"});

  EXPECT_EQ(find(report, "app")->dependencies,
            (std::vector<Dependency>{{"armonly", {}, {""}}}));
}

TEST(PythonEnvironment, reports_flask_of_the_pyenv_interpreter)
{
  auto report = query_environment(
      {.interpreter = *slam::util::find_program("python3"),
       .name = "python3",
       .architecture = "x86_64",
       .requirements = {
           {.name = "flask", .specifier = ">=3,<4"},
           {.name = "Flask", .specifier = "<3"},
           {.name = "absent-thing"},
           {.name = "flask", .marker = "sys_platform == 'win32'"}}});

  auto flask = find(report, "Flask");
  ASSERT_NE(flask, nullptr);
  EXPECT_EQ(flask->version, "3.1.3");
  EXPECT_EQ(flask->dependencies,
            (std::vector<Dependency>{{"blinker", {}, {""}},
                                     {"click", {}, {""}},
                                     {"itsdangerous", {}, {""}},
                                     {"jinja2", {}, {""}},
                                     {"markupsafe", {}, {""}},
                                     {"werkzeug", {}, {""}},
                                     {"asgiref", {}, {"async"}},
                                     {"python-dotenv", {}, {"dotenv"}}}));
  EXPECT_EQ(report.requirements,
            (std::vector<RequirementStatus>{{true, "3.1.3", true},
                                            {true, "3.1.3", false},
                                            {true, {}, {}},
                                            {false, "3.1.3", {}}}));
}

TEST(PythonEnvironment, failing_interpreter_is_an_error_with_its_output)
{
  TempFolder temp;
  auto fake = temp.path() / "python";
  slam::test::write(
      fake, "#!/bin/sh\ncat >/dev/null\necho 'no python here' >&2\nexit 3\n");
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);

  EXPECT_EQ(
      error_of({.interpreter = fake, .name = "fake", .architecture = "x86_64"}),
      "cannot list the distributions of the python environment 'fake' "
      "(exit 3):\nno python here\n");
}
