#include "dependencies_test_support.hpp"
#include "slam/package/dependencies_environment.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::package;
using slam::test::entries_of;
using slam::test::paths_of;
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

// Return the top-level names of DEPENDENCIES apart from the .dist-info
// ones, and how many .dist-info folders there are.
std::pair<std::set<std::string>, int>
packages_of(const Dependencies& dependencies)
{
  std::set<std::string> packages;
  int infos = 0;
  for (const auto& name : entries_of(dependencies)) {
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
  const fs::path& site() const { return m_site; }

private:
  TempFolder m_temp;
  fs::path m_site;
};

} // namespace

TEST(DependenciesEnvironment, takes_flask_and_its_dependencies_only)
{
  TempFolder temp;
  write(temp.path() / "requirements.txt", "flask\n");

  auto dependencies =
      environment_dependencies(request_for(temp.path(), "python3"));

  EXPECT_EQ(packages_of(dependencies),
            (std::pair<std::set<std::string>, int>{{"blinker",
                                                    "click",
                                                    "flask",
                                                    "itsdangerous",
                                                    "jinja2",
                                                    "markupsafe",
                                                    "werkzeug"},
                                                   7}));
  EXPECT_TRUE(
      paths_of(dependencies).contains("flask-3.1.3.dist-info/METADATA"));
  for (const auto& file : paths_of(dependencies)) {
    EXPECT_EQ(file.find("__pycache__"), std::string::npos) << file;
    EXPECT_FALSE(file.ends_with(".pyc")) << file;
  }
}

TEST_F(VirtualenvProject, takes_the_required_distributions_from_a_virtualenv)
{
  write(project() / "requirements.txt", "Fake_App>=1.0\n");

  auto dependencies = environment_dependencies(request_for(project(), "venv"));

  EXPECT_EQ(paths_of(dependencies),
            (std::set<std::string>{"fake_app/__init__.py",
                                   "fake_app-1.0.dist-info/METADATA",
                                   "fake_app-1.0.dist-info/RECORD",
                                   "helper/__init__.py",
                                   "helper-0.3.dist-info/METADATA",
                                   "helper-0.3.dist-info/RECORD"}));
  // Read where the environment has them, each named by its distribution.
  for (const auto& file : dependencies.files) {
    EXPECT_EQ(file.source, site() / file.path);
    EXPECT_FALSE(file.executable);
    const auto* origin = dependencies.origins.find(file.source);
    ASSERT_NE(origin, nullptr) << file.path;
    EXPECT_EQ(origin->name,
              file.path.starts_with("helper") ? "helper" : "fake_app");
  }
}

TEST_F(VirtualenvProject, requirement_missing_from_the_environment_is_an_error)
{
  write(project() / "requirements.txt", "fake-app\nrequests\n");
  try {
    environment_dependencies(request_for(project(), "venv"));
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_STREQ(error.what(),
                 "'requests' (needed by 'requirements.txt') is not installed "
                 "in the python environment 'venv'; install it there or "
                 "remove it from the requirements");
  }
}

// Another installed version than the requirements allow would package
// something else than they say: each one is listed, with its file and line.
TEST_F(VirtualenvProject, installed_version_not_matching_is_an_error)
{
  write(project() / "requirements.txt", "fake-app>=2\n-r more.txt\n");
  write(project() / "more.txt", "pytest\nhelper==9.0\n");
  try {
    environment_dependencies(request_for(project(), "venv"));
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_STREQ(error.what(),
                 "the python environment 'venv' does not have the versions "
                 "the requirements name\n"
                 "  'fake-app' 1.0 does not satisfy 'fake-app>=2' in "
                 "'requirements.txt' line 1\n"
                 "  'helper' 0.3 does not satisfy 'helper==9.0' in "
                 "'more.txt' line 2\n"
                 "install them there or change the requirements");
  }
}

TEST_F(VirtualenvProject, requested_extra_needs_its_distributions)
{
  write(project() / "requirements.txt", "fake-app[more]\n");
  try {
    environment_dependencies(request_for(project(), "venv"));
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_STREQ(error.what(),
                 "'extra-thing' (needed by 'fake-app') is not installed in "
                 "the python environment 'venv'; install it there or remove "
                 "it from the requirements");
  }
}

// Nothing is copied: a file changed in the environment is what the next
// build takes.
TEST_F(VirtualenvProject, takes_the_current_files_of_the_environment)
{
  write(project() / "requirements.txt", "fake-app\n");
  auto request = request_for(project(), "venv");
  auto first = environment_dependencies(request);

  write(site() / "helper/__init__.py", "NAME = 'changed, and longer'\n");
  auto second = environment_dependencies(request);

  EXPECT_EQ(paths_of(second), paths_of(first));
  for (const auto& file : second.files) {
    if (file.path == "helper/__init__.py") {
      EXPECT_EQ(slam::util::read_file(file.source),
                "NAME = 'changed, and longer'\n");
    }
  }
  EXPECT_FALSE(fs::exists(project() / ".slam"));
}

TEST_F(VirtualenvProject, warns_about_another_python_version_and_skipped_lines)
{
  write(project() / "requirements.txt", "-e ./src\nhelper\n");
  auto request = request_for(project(), "venv");
  request.runtime = "python3.12";

  testing::internal::CaptureStderr();
  environment_dependencies(request);
  auto output = testing::internal::GetCapturedStderr();

  EXPECT_EQ(output,
            "slam: warning: skipping '-e ./src' in 'requirements.txt' line "
            "1: editable requirements are not supported; list the "
            "distribution by name\n"
            "slam: warning: the python environment 'venv' has Python 3.11 "
            "but the Lambda runtime is 'python3.12'; its native extensions "
            "may not load there\n");
}

TEST_F(VirtualenvProject, warns_about_another_machine)
{
  write(project() / "requirements.txt", "helper\n");
  auto request = request_for(project(), "venv");
  // The test machine runs x86-64, the interpreter of the venv with it.
  request.architecture = "arm64";

  testing::internal::CaptureStderr();
  auto dependencies = environment_dependencies(request);
  auto output = testing::internal::GetCapturedStderr();

  EXPECT_EQ(output,
            "slam: warning: the python environment 'venv' runs on Linux "
            "x86_64 but the Lambda architecture 'arm64' is Linux aarch64; "
            "its native extensions may not load there\n");
  EXPECT_EQ(packages_of(dependencies).first, std::set<std::string>{"helper"});
}
