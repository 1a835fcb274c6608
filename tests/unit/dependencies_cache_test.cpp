#include "dependencies_test_support.hpp"
#include "slam/package/dependencies_cache.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

using namespace slam::package;
using slam::test::entries_of;
using slam::test::TempFolder;
using slam::test::write;

namespace {

ino_t inode_of(const std::filesystem::path& path)
{
  struct stat info
  {
  };
  ::stat(path.c_str(), &info);
  return info.st_ino;
}

} // namespace

TEST(DependenciesCache, root_is_under_the_project_slam_folder)
{
  EXPECT_EQ(dependency_cache_root("/p"), "/p/.slam/deps");
}

TEST(DependenciesCache, builds_a_missing_entry_once_then_reuses_it)
{
  TempFolder temp;
  int builds = 0;
  auto build = [&](const std::filesystem::path& folder) {
    ++builds;
    write(folder / "lib.py", "x");
  };
  auto first = cached_entry(temp.path(), "pip-abc", false, build);
  auto inode = inode_of(first);
  auto second = cached_entry(temp.path(), "pip-abc", false, build);

  EXPECT_EQ(first, temp.path() / "pip-abc");
  EXPECT_EQ(second, first);
  EXPECT_EQ(builds, 1);
  EXPECT_EQ(inode_of(second), inode);
  EXPECT_EQ(entries_of(temp.path()), (std::set<std::string>{"pip-abc"}));
}

TEST(DependenciesCache, rebuild_replaces_the_entry)
{
  TempFolder temp;
  cached_entry(temp.path(), "e", false, [](const auto& folder) {
    write(folder / "old.py", "x");
  });
  auto entry = cached_entry(temp.path(), "e", true, [](const auto& folder) {
    write(folder / "new.py", "x");
  });
  EXPECT_EQ(entries_of(entry), (std::set<std::string>{"new.py"}));
  EXPECT_EQ(entries_of(temp.path()), (std::set<std::string>{"e"}));
}

TEST(DependenciesCache, failed_build_leaves_nothing_behind)
{
  TempFolder temp;
  auto build = [](const std::filesystem::path& folder) {
    write(folder / "half.py", "x");
    throw slam::Error("pip failed");
  };
  EXPECT_THROW(cached_entry(temp.path(), "e", false, build), slam::Error);
  EXPECT_EQ(entries_of(temp.path()), std::set<std::string>{});
}

TEST(DependenciesCache, removes_what_dead_processes_left)
{
  TempFolder temp;
  // PID 0x7ffffff0 is above Linux's maximum, so no process has it.
  write(temp.path() / ".tmp-2147483632-e/half.py", "x");
  write(temp.path() / ".old-2147483632-e/old.py", "x");
  cached_entry(temp.path(), "e", false, [](const auto&) {});
  EXPECT_EQ(entries_of(temp.path()), (std::set<std::string>{"e"}));
}

TEST(DependenciesCache, prune_keeps_the_most_recently_used_entries)
{
  TempFolder temp;
  auto now = std::filesystem::file_time_type::clock::now();
  for (int i = 0; i < 4; ++i) {
    auto entry = temp.path() / fmt::format("pip-{}", i);
    std::filesystem::create_directories(entry);
    std::filesystem::last_write_time(entry, now - std::chrono::hours(i));
  }
  std::filesystem::create_directories(temp.path() / "env-old");
  std::filesystem::last_write_time(temp.path() / "env-old",
                                   now - std::chrono::hours(9));

  prune_entries(temp.path(), "pip-", 2);

  EXPECT_EQ(entries_of(temp.path()),
            (std::set<std::string>{"env-old", "pip-0", "pip-1"}));
}

TEST(DependenciesCache, tells_whether_the_entry_was_reused)
{
  TempFolder temp;
  auto build = [](const std::filesystem::path& folder) {
    write(folder / "lib.py", "x");
  };
  bool reused = true;
  cached_entry(temp.path(), "pip-abc", false, build, &reused);
  EXPECT_FALSE(reused);
  cached_entry(temp.path(), "pip-abc", false, build, &reused);
  EXPECT_TRUE(reused);
  cached_entry(temp.path(), "pip-abc", true, build, &reused);
  EXPECT_FALSE(reused);
}
