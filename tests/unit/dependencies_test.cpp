#include "dependencies_test_support.hpp"
#include "slam/package/dependencies.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::package;
using slam::test::entries_of;
using slam::test::TempFolder;
using slam::test::write;

namespace {

slam::config::Config config_in(const std::filesystem::path& project)
{
  slam::config::Config config;
  config.file = project / "slam.yaml";
  config.project_dir = project;
  config.aws.lambda_runtime = "python3.11";
  return config;
}

} // namespace

TEST(Dependencies, no_default_requirements_file_gives_none)
{
  TempFolder temp;
  auto dependencies = prepare_dependencies(config_in(temp.path()), {});
  EXPECT_EQ(entries_of(dependencies), std::set<std::string>{});
  EXPECT_EQ(dependencies.reused, std::nullopt);
}

TEST(Dependencies, missing_configured_requirements_file_is_an_error)
{
  TempFolder temp;
  auto config = config_in(temp.path());
  config.requirements = "reqs/prod.txt";
  config.requirements_given = true;
  try {
    prepare_dependencies(config, {});
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_STREQ(error.what(),
                 "the requirements file 'reqs/prod.txt' does not exist; "
                 "create it (it may be empty) or fix 'requirements' in "
                 "'slam.yaml'");
  }
}

// The default name, written in slam.yaml (as slam init does), is a
// promise of that file like any other.
TEST(Dependencies, missing_requirements_file_named_as_the_default_is_an_error)
{
  TempFolder temp;
  auto config = config_in(temp.path());
  config.requirements_given = true;
  EXPECT_THROW(prepare_dependencies(config, {}), slam::Error);
}

// A file named .slam where the cache folder goes is named, not reported
// as a bare "Not a directory".
TEST(Dependencies, slam_file_instead_of_the_cache_folder_is_an_error)
{
  TempFolder temp;
  write(temp.path() / ".slam", "notes\n");
  try {
    prepare_dependencies(config_in(temp.path()), {});
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_STREQ(error.what(),
                 "'.slam' is a file; Slam keeps its build cache in a folder "
                 "of that name: move it away");
  }
}

TEST(Dependencies, python_environment_takes_the_requirements_from_it)
{
  TempFolder temp;
  auto site = slam::test::make_virtualenv(temp.path() / "venv");
  slam::test::install_fake(site, {.name = "app"});
  slam::test::install_fake(site, {.name = "other"});
  write(temp.path() / "requirements.txt", "app\n");
  auto config = config_in(temp.path());
  config.package.python_environment = "venv";

  auto dependencies = prepare_dependencies(config, {});

  EXPECT_EQ(entries_of(dependencies),
            (std::set<std::string>{"app", "app-1.0.dist-info"}));
  // Read in place, so no dependency cache is involved.
  EXPECT_EQ(dependencies.files.at(0).source.parent_path().parent_path(), site);
  EXPECT_EQ(dependencies.reused, std::nullopt);
}

// Copies that earlier versions of Slam made of a python environment are
// removed.
TEST(Dependencies, python_environment_removes_old_copies_of_it)
{
  TempFolder temp;
  auto site = slam::test::make_virtualenv(temp.path() / "venv");
  slam::test::install_fake(site, {.name = "app"});
  write(temp.path() / "requirements.txt", "app\n");
  write(temp.path() / ".slam/deps/env-0123/app/__init__.py", "");
  write(temp.path() / ".slam/deps/pip-0123/other/__init__.py", "");
  auto config = config_in(temp.path());
  config.package.python_environment = "venv";

  prepare_dependencies(config, {});

  EXPECT_EQ(entries_of(temp.path() / ".slam/deps"),
            std::set<std::string>{"pip-0123"});
}

TEST(Dependencies, without_python_environment_pip_installs_them)
{
  TempFolder temp;
  slam::test::UnsetVariable find_links("PIP_FIND_LINKS");
  slam::test::build_wheel(temp.path() / "wheels", "tinypkg");
  write(temp.path() / "requirements.txt", "tinypkg\n");
  auto config = config_in(temp.path());
  // A relative option works only when pip runs in the project folder.
  config.package.pip_options = {"--no-index", "--find-links", "wheels"};

  auto dependencies = prepare_dependencies(config, {});

  EXPECT_EQ(entries_of(dependencies),
            (std::set<std::string>{"tinypkg", "tinypkg-1.0.dist-info"}));
  EXPECT_EQ(dependencies.reused, false);
  auto source = dependencies.files.at(0).source;
  EXPECT_EQ(source.parent_path().parent_path().parent_path(),
            temp.path() / ".slam/deps");
}

TEST(Dependencies, relative_project_folder_works_for_both_ways)
{
  TempFolder temp;
  slam::test::UnsetVariable find_links("PIP_FIND_LINKS");
  slam::test::build_wheel(temp.path() / "project/wheels", "tinypkg");
  auto site = slam::test::make_virtualenv(temp.path() / "project/venv");
  slam::test::install_fake(site, {.name = "app"});
  write(temp.path() / "project/requirements.txt", "tinypkg\n");
  write(temp.path() / "project/env.txt", "app\n");
  slam::test::CurrentFolder current(temp.path());
  auto config = config_in("project");
  config.package.pip_options = {"--no-index", "--find-links", "wheels"};

  auto installed = prepare_dependencies(config, {});
  config.requirements = "env.txt";
  config.package.python_environment = "venv";
  auto copied = prepare_dependencies(config, {});

  EXPECT_EQ(entries_of(installed),
            (std::set<std::string>{"tinypkg", "tinypkg-1.0.dist-info"}));
  EXPECT_EQ(entries_of(copied),
            (std::set<std::string>{"app", "app-1.0.dist-info"}));
}
