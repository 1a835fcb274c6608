#include "dependencies_test_support.hpp"
#include "slam/package/requirements_file.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using slam::package::read_requirements;
using slam::package::Requirement;
using slam::test::TempFolder;
using slam::test::write;

TEST(RequirementsFile, reads_included_files_next_to_the_including_file)
{
  TempFolder temp;
  auto dir = temp.path();
  // more.txt is included twice, not in a loop: read once.
  write(dir / "requirements.txt",
        "-r reqs/base.txt\nflask\n-c pins.txt\n-r reqs/more.txt\n");
  write(dir / "reqs/base.txt", "click>=8\n-r more.txt\n");
  write(dir / "reqs/more.txt", "\nblinker ; os_name == 'posix'\n");
  write(dir / "pins.txt", "flask==3.1.3\n");

  auto set = read_requirements(dir / "requirements.txt", "requirements.txt");

  EXPECT_EQ(set.requirements,
            (std::vector<Requirement>{
                {.name = "flask", .file = "requirements.txt", .line = 2},
                {.name = "click",
                 .specifier = ">=8",
                 .file = "reqs/base.txt",
                 .line = 1},
                {.name = "blinker",
                 .marker = "os_name == 'posix'",
                 .file = "reqs/more.txt",
                 .line = 2}}));
  EXPECT_EQ(set.files,
            (std::vector<std::filesystem::path>{dir / "requirements.txt",
                                                dir / "reqs/base.txt",
                                                dir / "reqs/more.txt",
                                                dir / "pins.txt"}));
  EXPECT_TRUE(set.skipped.empty());
}

TEST(RequirementsFile, collects_skipped_lines_of_every_file)
{
  TempFolder temp;
  write(temp.path() / "r.txt", "-e .\n-r other.txt\n");
  write(temp.path() / "other.txt", "./local\n");

  auto set = read_requirements(temp.path() / "r.txt", "r.txt");

  EXPECT_EQ(set.skipped,
            (std::vector<std::string>{
                "skipping '-e .' in 'r.txt' line 1: editable requirements are "
                "not supported; list the distribution by name",
                "skipping './local' in 'other.txt' line 1: only requirements "
                "by name are supported"}));
}

TEST(RequirementsFile, missing_included_file_is_an_error)
{
  TempFolder temp;
  write(temp.path() / "r.txt", "-r nowhere.txt\n");
  EXPECT_THROW(read_requirements(temp.path() / "r.txt", "r.txt"), slam::Error);
}

// Return the message of the slam::Error reading DIR/requirements.txt
// throws, or "" when none.
std::string read_error(const std::filesystem::path& dir)
{
  try {
    read_requirements(dir / "requirements.txt", "requirements.txt");
  } catch (const slam::Error& error) {
    return error.what();
  }
  return "";
}

// pip recurses until it fails on a file that includes itself: the loop is
// named instead, as the chain of -r lines.
TEST(RequirementsFile, include_loop_is_an_error_naming_the_chain)
{
  TempFolder temp;
  auto dir = temp.path();
  write(dir / "requirements.txt", "flask\n-r requirements.txt\n");
  EXPECT_EQ(read_error(dir),
            "the requirements files include each other in a loop: "
            "requirements.txt -r requirements.txt; remove one of these -r "
            "lines");

  write(dir / "requirements.txt", "-r sub/more.txt\n");
  write(dir / "sub/more.txt", "-r ../requirements.txt\n");
  EXPECT_EQ(read_error(dir),
            "the requirements files include each other in a loop: "
            "requirements.txt -r sub/more.txt -r requirements.txt; remove one "
            "of these -r lines");
}
