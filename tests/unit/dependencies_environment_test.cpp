#include "dependencies_test_support.hpp"
#include "slam/package/dependencies_environment.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::package;
using slam::test::entries_of;
using slam::test::files_under;
using slam::test::TempFolder;
using slam::test::write;

namespace {

namespace fs = std::filesystem;

EnvironmentRequest request_for(const fs::path& project,
                               const std::string& environment)
{
  return {.environment = environment,
          .project_dir = project,
          .requirements = project / "requirements.txt",
          .requirements_name = "requirements.txt",
          .runtime = "python3.11",
          .architecture = "x86_64"};
}

// Return the top-level names of FOLDER apart from the .dist-info ones,
// and how many .dist-info folders there are.
std::pair<std::set<std::string>, int> packages_of(const fs::path& folder)
{
  std::set<std::string> packages;
  int infos = 0;
  for (const auto& name : entries_of(folder)) {
    if (name.ends_with(".dist-info")) {
      ++infos;
    } else {
      packages.insert(name);
    }
  }
  return {packages, infos};
}

// A project with a virtualenv holding an app, its helper and pytest.
class VirtualenvProject : public testing::Test
{
protected:
  void SetUp() override
  {
    m_site = slam::test::make_virtualenv(project() / "venv");
    slam::test::install_fake(
        m_site,
        {.name = "fake-app",
         .requires_dist = {"helper", "extra-thing; extra == 'more'"},
         .provides_extra = {"more"}});
    slam::test::install_fake(m_site, {.name = "helper", .version = "0.3"});
    slam::test::install_fake(m_site, {.name = "pytest"});
  }

  fs::path project() const { return m_temp.path(); }
  fs::path cache() const { return project() / ".slam/deps"; }
  const fs::path& site() const { return m_site; }

private:
  TempFolder m_temp;
  fs::path m_site;
};

} // namespace

TEST(DependenciesEnvironment, copies_flask_and_its_dependencies_only)
{
  TempFolder temp;
  write(temp.path() / "requirements.txt", "flask\n");

  auto folder = copy_from_environment(
      request_for(temp.path(), "python3"), temp.path() / ".slam/deps", false);

  EXPECT_EQ(packages_of(folder),
            (std::pair<std::set<std::string>, int>{{"blinker",
                                                    "click",
                                                    "flask",
                                                    "itsdangerous",
                                                    "jinja2",
                                                    "markupsafe",
                                                    "werkzeug"},
                                                   7}));
  EXPECT_TRUE(fs::exists(folder / "flask-3.1.3.dist-info/METADATA"));
  for (const auto& file : files_under(folder)) {
    EXPECT_EQ(file.find("__pycache__"), std::string::npos) << file;
    EXPECT_FALSE(file.ends_with(".pyc")) << file;
  }
}

TEST_F(VirtualenvProject, copies_the_required_distributions_from_a_virtualenv)
{
  write(project() / "requirements.txt", "Fake_App>=1.0\n");

  auto folder =
      copy_from_environment(request_for(project(), "venv"), cache(), false);

  EXPECT_EQ(files_under(folder),
            (std::set<std::string>{"fake_app/__init__.py",
                                   "fake_app-1.0.dist-info/METADATA",
                                   "fake_app-1.0.dist-info/RECORD",
                                   "helper/__init__.py",
                                   "helper-0.3.dist-info/METADATA",
                                   "helper-0.3.dist-info/RECORD"}));
  EXPECT_EQ(folder.parent_path(), cache());
  EXPECT_TRUE(folder.filename().string().starts_with("env-"));
}

TEST_F(VirtualenvProject, requirement_missing_from_the_environment_is_an_error)
{
  write(project() / "requirements.txt", "fake-app\nrequests\n");
  try {
    copy_from_environment(request_for(project(), "venv"), cache(), false);
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_STREQ(error.what(),
                 "'requests' (needed by 'requirements.txt') is not installed "
                 "in the python environment 'venv'; install it there or "
                 "remove it from the requirements");
  }
}

TEST_F(VirtualenvProject, requested_extra_needs_its_distributions)
{
  write(project() / "requirements.txt", "fake-app[more]\n");
  try {
    copy_from_environment(request_for(project(), "venv"), cache(), false);
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_STREQ(error.what(),
                 "'extra-thing' (needed by 'fake-app') is not installed in "
                 "the python environment 'venv'; install it there or remove "
                 "it from the requirements");
  }
}

TEST_F(VirtualenvProject, reuses_the_copy_until_a_file_changes)
{
  write(project() / "requirements.txt", "fake-app\n");
  auto request = request_for(project(), "venv");
  auto first = copy_from_environment(request, cache(), false);
  write(first / "marker", "kept");

  auto second = copy_from_environment(request, cache(), false);
  EXPECT_EQ(second, first);
  EXPECT_TRUE(fs::exists(second / "marker"));

  write(site() / "helper/__init__.py", "NAME = 'changed, and longer'\n");
  auto third = copy_from_environment(request, cache(), false);
  EXPECT_NE(third, first);
  EXPECT_EQ(slam::util::read_file(third / "helper/__init__.py"),
            "NAME = 'changed, and longer'\n");
  EXPECT_FALSE(fs::exists(third / "marker"));
}

TEST_F(VirtualenvProject, rebuild_copies_again)
{
  write(project() / "requirements.txt", "fake-app\n");
  auto request = request_for(project(), "venv");
  auto first = copy_from_environment(request, cache(), false);
  write(first / "marker", "gone after a rebuild");

  auto second = copy_from_environment(request, cache(), true);

  EXPECT_EQ(second, first);
  EXPECT_FALSE(fs::exists(second / "marker"));
}

TEST_F(VirtualenvProject, warns_about_another_python_version_and_skipped_lines)
{
  write(project() / "requirements.txt", "-e ./src\nhelper\n");
  auto request = request_for(project(), "venv");
  request.runtime = "python3.12";

  testing::internal::CaptureStderr();
  copy_from_environment(request, cache(), false);
  auto output = testing::internal::GetCapturedStderr();

  EXPECT_EQ(output,
            "slam: warning: skipping '-e ./src' in 'requirements.txt' line "
            "1: editable requirements are not supported; list the "
            "distribution by name\n"
            "slam: warning: the python environment 'venv' has Python 3.11 "
            "but the Lambda runtime is 'python3.12'; its native extensions "
            "may not load there\n"
            "copying 1 distribution from the python environment 'venv'\n");
}

TEST_F(VirtualenvProject, warns_about_another_machine)
{
  write(project() / "requirements.txt", "helper\n");
  auto request = request_for(project(), "venv");
  // The test machine runs x86-64, the interpreter of the venv with it.
  request.architecture = "arm64";

  testing::internal::CaptureStderr();
  auto folder = copy_from_environment(request, cache(), false);
  auto output = testing::internal::GetCapturedStderr();

  EXPECT_EQ(output,
            "slam: warning: the python environment 'venv' runs on Linux "
            "x86_64 but the Lambda architecture 'arm64' is Linux aarch64; "
            "its native extensions may not load there\n"
            "copying 1 distribution from the python environment 'venv'\n");
  EXPECT_EQ(packages_of(folder).first, std::set<std::string>{"helper"});
}
