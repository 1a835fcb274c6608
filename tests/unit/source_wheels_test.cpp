#include "dependencies_test_support.hpp"
#include "slam/package/dependencies_pip.hpp"
#include "slam/package/source_wheels.hpp"

#include <gtest/gtest.h>

using namespace slam::package;
using slam::test::ReplaceVariable;
using slam::test::TempFolder;
using slam::test::write;

namespace {

namespace fs = std::filesystem;

// A request for python3.12 on x86_64 whose requirements are TEXT.
PipRequest request_for(const TempFolder& temp, const std::string& text)
{
  write(temp.path() / "requirements.txt", text);
  return {.requirements = temp.path() / "requirements.txt",
          .requirements_name = "requirements.txt",
          .runtime = "python3.12",
          .architecture = "x86_64",
          .pip_options = {"--no-index"},
          .build_from_source = {"PyYAML", "tinypkg"}};
}

} // namespace

TEST(SourceWheels, take_the_specifier_from_the_requirements)
{
  TempFolder temp;
  auto request = request_for(temp,
                             "flask\npyyaml[extra]>=6,<7; "
                             "python_version>'3'\n");
  // tinypkg is not in the file: a dependency of another requirement.
  EXPECT_EQ(source_requirements(request),
            (std::vector<std::string>{"pyyaml>=6,<7", "tinypkg"}));
}

TEST(SourceWheels, keep_a_url_requirement)
{
  TempFolder temp;
  auto request =
      request_for(temp, "tinypkg @ file:///src/tinypkg-1.0.tar.gz\n");
  EXPECT_EQ(source_requirements(request).at(1),
            "tinypkg @ file:///src/tinypkg-1.0.tar.gz");
}

TEST(SourceWheels, are_built_by_the_runtimes_python_when_on_path)
{
  TempFolder temp;
  auto request = request_for(temp, "");
  write(temp.path() / "bin/python3.12", "#!/bin/sh\n");
  fs::permissions(temp.path() / "bin/python3.12", fs::perms::owner_all);
  {
    ReplaceVariable path("PATH", (temp.path() / "bin").string());
    EXPECT_EQ(source_python(request), "python3.12");
    request.python = "/opt/python/bin/python3";
    EXPECT_EQ(source_python(request), "/opt/python/bin/python3");
    // Like a pyenv shim of a version pyenv has but does not select.
    write(temp.path() / "bin/python3.12", "#!/bin/sh\nexit 127\n");
    request.python = "python3";
    EXPECT_EQ(source_python(request), "python3");
  }
  ReplaceVariable path("PATH", (temp.path() / "none").string());
  request.python = "python3";
  EXPECT_EQ(source_python(request), "python3");
}

TEST(SourceWheels, command_builds_only_the_named_without_dependencies)
{
  TempFolder temp;
  ReplaceVariable path("PATH", (temp.path() / "none").string());
  auto request = request_for(temp, "PyYAML==6.0.1\n");
  EXPECT_EQ(source_wheel_command(request, "/w"),
            (std::vector<std::string>{"python3",
                                      "-m",
                                      "pip",
                                      "wheel",
                                      "--no-deps",
                                      "--no-binary",
                                      "PyYAML,tinypkg",
                                      "--wheel-dir",
                                      "/w",
                                      "--disable-pip-version-check",
                                      "--no-index",
                                      "PyYAML==6.0.1",
                                      "tinypkg"}));
}

TEST(SourceWheels, install_accepts_this_machines_tag_and_finds_the_wheels)
{
  TempFolder temp;
  auto request = request_for(temp, "PyYAML\n");
  auto command = pip_command(request, "/t", "/w");
  auto options = pip_target_options(request);
  ASSERT_GE(options.size(), 2U);
  EXPECT_EQ(std::vector<std::string>(options.end() - 2, options.end()),
            (std::vector<std::string>{"--platform", "linux_x86_64"}));
  EXPECT_EQ(std::vector<std::string>(command.end() - 3, command.end()),
            (std::vector<std::string>{"--no-index", "--find-links", "/w"}));

  request.build_from_source.clear();
  options = pip_target_options(request);
  EXPECT_EQ(std::count(options.begin(), options.end(), "linux_x86_64"), 0);
  command = pip_command(request, "/t");
  EXPECT_EQ(std::count(command.begin(), command.end(), "--find-links"), 0);
}

TEST(SourceWheels, are_part_of_the_cache_key)
{
  TempFolder temp;
  auto request = request_for(temp, "PyYAML\n");
  auto key = pip_cache_key(request);
  request.build_from_source = {"PyYAML"};
  EXPECT_NE(pip_cache_key(request), key);
  // The same distributions in another order, case or twice: the same key.
  request.build_from_source = {"TinyPkg", "pyyaml", "tinypkg", "PyYAML"};
  EXPECT_EQ(pip_cache_key(request), key);
  EXPECT_EQ(normalized_names({"Zope.Interface", "a_b", "A-B"}),
            (std::vector<std::string>{"a-b", "zope-interface"}));
}

TEST(SourceWheels, recognize_their_requirements_in_pips_errors)
{
  TempFolder temp;
  auto request = request_for(temp, "");
  EXPECT_TRUE(is_built_from_source(request, "pyyaml==6.0"));
  EXPECT_TRUE(is_built_from_source(request, "TinyPkg"));
  EXPECT_FALSE(is_built_from_source(request, "flask"));
  EXPECT_FALSE(is_built_from_source(request, "=="));
  EXPECT_EQ(distribution_of("Py.Yaml>=6"), "Py.Yaml");
  EXPECT_EQ(distribution_of("=="), "==");
}

TEST(SourceWheels, mismatch_names_the_wheels_that_were_built)
{
  TempFolder temp;
  ReplaceVariable path("PATH", (temp.path() / "none").string());
  auto request = request_for(temp, "");
  write(temp.path() / "w/tinypkg-1.0-cp311-cp311-linux_x86_64.whl", "");
  // Another distribution's wheel, which fits anywhere: not named.
  write(temp.path() / "w/PyYAML-6.0-py3-none-any.whl", "");
  auto advice =
      source_wheel_mismatch(request, "tinypkg==1.0", temp.path() / "w");
  EXPECT_EQ(advice,
            "'tinypkg==1.0' is in package.build_from_source, but the wheels "
            "this machine built with python3 "
            "(tinypkg-1.0-cp311-cp311-linux_x86_64.whl) "
            "do not fit Lambda's python3.12 on x86_64: build on Linux x86_64 "
            "with python3.12 on PATH");
}
