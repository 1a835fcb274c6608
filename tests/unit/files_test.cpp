#include "package_test_support.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"

#include <filesystem>
#include <fmt/core.h>
#include <fstream>
#include <gtest/gtest.h>
#include <set>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

// PID 0x7ffffff0 is above Linux's maximum, so no process has it.
constexpr const char* k_dead_pid = "2147483632";

std::set<std::string> names_in(const fs::path& folder)
{
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

} // namespace

// An atomic write leaves the whole file and no temporary one.
TEST(Files, atomic_write_leaves_only_the_file)
{
  slam::test::TempDir temp;
  auto path = temp.path() / "app.zip";
  slam::util::write_file_atomic(path, "old");
  slam::util::write_file_atomic(
      path, std::vector<std::string_view>{"ne", "w"}, slam::util::Flush::disk);
  EXPECT_EQ(slam::util::read_file(path), "new");
  EXPECT_EQ(names_in(temp.path()), std::set<std::string>{"app.zip"});
}

// Only the temporary files of writers that no longer run are abandoned.
TEST(Files, tells_abandoned_temporary_files)
{
  using slam::util::is_abandoned_temp_file;
  auto own = std::to_string(::getpid());
  EXPECT_TRUE(is_abandoned_temp_file(fmt::format("a.zip.tmp{}.3", k_dead_pid)));
  EXPECT_TRUE(
      is_abandoned_temp_file(fmt::format("stat-index.tmp{}", k_dead_pid)));
  EXPECT_FALSE(is_abandoned_temp_file(fmt::format("a.zip.tmp{}.3", own)));
  EXPECT_FALSE(is_abandoned_temp_file("a.zip"));
  EXPECT_FALSE(is_abandoned_temp_file("notes.tmp"));
  EXPECT_FALSE(is_abandoned_temp_file(fmt::format("x.tmp{}.3b", k_dead_pid)));
  EXPECT_FALSE(
      is_abandoned_temp_file(fmt::format(".tmp-{}-pip-abc", k_dead_pid)));
}

// The sweep removes what killed writers left and keeps everything else.
TEST(Files, sweep_removes_only_abandoned_temporary_files)
{
  slam::test::TempDir temp;
  auto own = std::to_string(::getpid());
  for (const auto& name : {fmt::format("app.zip.tmp{}.0", k_dead_pid),
                           fmt::format("app.zip.tmp{}.1", own),
                           std::string("app.zip"),
                           std::string("lock")}) {
    std::ofstream(temp.path() / name) << "x";
  }
  slam::util::remove_abandoned_temp_files(temp.path());
  slam::util::remove_abandoned_temp_files(temp.path() / "missing");
  EXPECT_EQ(names_in(temp.path()),
            (std::set<std::string>{
                "app.zip", "lock", fmt::format("app.zip.tmp{}.1", own)}));
}

// A file a user names is read up to a limit: `-c /dev/zero` was read until
// memory ran out (found by a tester).
TEST(Files, named_files_are_read_up_to_a_limit)
{
  try {
    slam::util::read_file("/dev/zero", 4096, "config file");
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "config file '/dev/zero' is larger than 4 KiB; is it the "
              "right file?");
  }
  slam::test::TempDir dir;
  auto file = dir.path() / "small";
  std::ofstream(file) << std::string(4096, 'x');
  EXPECT_EQ(slam::util::read_file(file, 4096, "file").size(), 4096u);
  EXPECT_EQ(slam::util::read_file("/dev/null", 4096, "file"), "");
}
