#include "dependencies_test_support.hpp"
#include "slam/package/dependencies_pip.hpp"
#include "slam/util/error.hpp"

#include <fmt/core.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

using namespace slam::package;
using slam::test::entries_of;
using slam::test::TempFolder;
using slam::test::write;

namespace {

namespace fs = std::filesystem;

ino_t inode_of(const fs::path& path)
{
  struct stat info
  {
  };
  ::stat(path.c_str(), &info);
  return info.st_ino;
}

// A project whose requirements come only from its own wheel folder.
class PipInstall : public testing::Test
{
protected:
  void SetUp() override
  {
    slam::test::build_wheel(m_temp.path() / "wheels", "tinypkg");
    write(project() / "requirements.txt", "tinypkg\n");
  }

  fs::path project() const { return m_temp.path() / "project"; }
  fs::path cache() const { return project() / ".slam/deps"; }

  PipRequest request() const
  {
    return {.requirements = project() / "requirements.txt",
            .requirements_name = "requirements.txt",
            .runtime = "python3.12",
            .architecture = "x86_64",
            .pip_options = {"--no-index",
                            "--find-links",
                            (m_temp.path() / "wheels").string()},
            .project_dir = project()};
  }

private:
  TempFolder m_temp;
  slam::test::UnsetVariable m_find_links{"PIP_FIND_LINKS"};
};

} // namespace

// Return "--platform manylinux_2_N_MACHINE" for N from FIRST to LAST.
std::vector<std::string>
manylinux_flags(const std::string& machine, int first, int last)
{
  std::vector<std::string> flags;
  for (int minor = first; minor <= last; ++minor) {
    flags.push_back("--platform");
    flags.push_back(fmt::format("manylinux_2_{}_{}", minor, machine));
  }
  return flags;
}

// Return "python3 -m pip install -r ... --target ..." up to the platforms.
std::vector<std::string> install_start(const std::string& machine)
{
  return {"python3",
          "-m",
          "pip",
          "install",
          "-r",
          "/p/requirements.txt",
          "--target",
          "/p/.slam/deps/tmp",
          "--platform",
          "manylinux2014_" + machine};
}

// Return the flags after the platforms for Python VERSION ("3.12").
std::vector<std::string> python_flags(const std::string& version)
{
  auto abi = "cp" + version.substr(0, 1) + version.substr(2);
  return {"--implementation",
          "cp",
          "--python-version",
          version,
          "--abi",
          abi,
          "--abi",
          "abi3",
          "--abi",
          "none",
          "--only-binary=:all:",
          "--upgrade",
          "--no-compile",
          "--disable-pip-version-check"};
}

std::vector<std::string> joined(std::vector<std::vector<std::string>> parts)
{
  std::vector<std::string> all;
  for (const auto& part : parts) {
    all.insert(all.end(), part.begin(), part.end());
  }
  return all;
}

TEST(DependenciesPip, command_targets_python_3_11_on_arm64)
{
  PipRequest request{.requirements = "/p/requirements.txt",
                     .runtime = "python3.11",
                     .architecture = "arm64",
                     .pip_options = {"--pre", "--no-deps"}};
  // Amazon Linux 2: glibc 2.26.
  EXPECT_EQ(pip_command(request, "/p/.slam/deps/tmp"),
            joined({install_start("aarch64"),
                    manylinux_flags("aarch64", 17, 26),
                    python_flags("3.11"),
                    {"--pre", "--no-deps"}}));
}

TEST(DependenciesPip, command_targets_python_3_12_on_x86_64)
{
  PipRequest request{.requirements = "/p/requirements.txt",
                     .runtime = "python3.12",
                     .architecture = "x86_64"};
  // Amazon Linux 2023: glibc 2.34.
  EXPECT_EQ(pip_command(request, "/p/.slam/deps/tmp"),
            joined({install_start("x86_64"),
                    manylinux_flags("x86_64", 17, 34),
                    python_flags("3.12")}));
}

TEST(DependenciesPip, finds_the_requirement_without_a_distribution)
{
  EXPECT_EQ(unavailable_requirement(
                "ERROR: Could not find a version that satisfies the "
                "requirement numpy==1.0 (from versions: 2.0)\nERROR: No "
                "matching distribution found for numpy==1.0\n"),
            "numpy==1.0");
  EXPECT_EQ(unavailable_requirement(
                "ERROR: No matching distribution found for psycopg2\n"),
            "psycopg2");
  EXPECT_EQ(unavailable_requirement("ERROR: Invalid requirement: '=='\n"), "");
}

TEST(DependenciesPip, cache_key_follows_every_input)
{
  TempFolder temp;
  write(temp.path() / "requirements.txt", "-r base.txt\n");
  write(temp.path() / "base.txt", "flask\n");
  PipRequest request{.requirements = temp.path() / "requirements.txt",
                     .runtime = "python3.12",
                     .architecture = "x86_64"};
  auto key = pip_cache_key(request);
  EXPECT_EQ(key.size(), 64U);
  EXPECT_EQ(pip_cache_key(request), key);

  std::set<std::string> keys{key};
  auto changed = request;
  changed.runtime = "python3.11";
  keys.insert(pip_cache_key(changed));
  changed = request;
  changed.architecture = "arm64";
  keys.insert(pip_cache_key(changed));
  changed = request;
  changed.pip_options = {"--pre"};
  keys.insert(pip_cache_key(changed));
  changed = request;
  changed.python = "python3.12";
  keys.insert(pip_cache_key(changed));
  write(temp.path() / "base.txt", "flask==3.1.3\n");
  keys.insert(pip_cache_key(request));
  EXPECT_EQ(keys.size(), 6U);
}

TEST_F(PipInstall, installs_the_requirements_into_a_cache_entry)
{
  auto folder = install_with_pip(request(), cache(), false);

  EXPECT_EQ(folder, cache() / ("pip-" + pip_cache_key(request())));
  EXPECT_EQ(entries_of(folder),
            (std::set<std::string>{"tinypkg", "tinypkg-1.0.dist-info"}));
  EXPECT_EQ(slam::util::read_file(folder / "tinypkg/__init__.py"),
            "VALUE = 1\n");
  EXPECT_EQ(entries_of(cache()), std::set<std::string>{folder.filename()});
}

TEST_F(PipInstall, second_install_reuses_the_cache_without_pip)
{
  auto first = install_with_pip(request(), cache(), false);
  auto inode = inode_of(first);
  // pip would replace the whole entry; this file shows it did not run.
  write(first / "marker", "kept");
  // Without the wheels pip could not succeed, so reuse is the only way.
  fs::remove_all(project().parent_path() / "wheels");

  auto second = install_with_pip(request(), cache(), false);

  EXPECT_EQ(second, first);
  EXPECT_EQ(inode_of(second), inode);
  EXPECT_EQ(
      entries_of(second),
      (std::set<std::string>{"marker", "tinypkg", "tinypkg-1.0.dist-info"}));
}

TEST_F(PipInstall, rebuild_runs_pip_again)
{
  auto first = install_with_pip(request(), cache(), false);
  write(first / "marker", "gone after a rebuild");

  auto second = install_with_pip(request(), cache(), true);

  EXPECT_EQ(second, first);
  EXPECT_EQ(entries_of(second),
            (std::set<std::string>{"tinypkg", "tinypkg-1.0.dist-info"}));
}

TEST_F(PipInstall, missing_distribution_fails_with_pips_reason)
{
  write(project() / "requirements.txt", "tinypkg\nno-such-dist\n");
  try {
    install_with_pip(request(), cache(), false);
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    std::string message = error.what();
    std::string start =
        "pip failed to install the requirements in 'requirements.txt' "
        "(exit 1):\n";
    EXPECT_EQ(message.substr(0, start.size()), start);
    EXPECT_NE(
        message.find("ERROR: No matching distribution found for no-such-dist"),
        std::string::npos)
        << message;
    EXPECT_NE(message.find("\n'no-such-dist' in 'requirements.txt' has no "
                           "wheel for Lambda (python3.12 on x86_64, platform "
                           "manylinux2014_x86_64 or manylinux up to the "
                           "runtime's glibc); pin a version of it"),
              std::string::npos)
        << message;
  }
  EXPECT_EQ(entries_of(cache()), std::set<std::string>{});
}

// A requirement pip finds nothing for, listed in an included file, is
// named with that file.
TEST_F(PipInstall, missing_distribution_names_the_file_listing_it)
{
  write(project() / "requirements.txt", "tinypkg\n-r sub/more.txt\n");
  write(project() / "sub/more.txt", "No_Such.Dist==9.9\n");
  try {
    install_with_pip(request(), cache(), false);
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    std::string message = error.what();
    EXPECT_NE(message.find("\n'No_Such.Dist==9.9' in 'sub/more.txt' has no "
                           "wheel for Lambda"),
              std::string::npos)
        << message;
  }
}
