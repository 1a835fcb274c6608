#include "slam/local/project_watch.hpp"
#include "slam/util/files.hpp"

#include <fstream>
#include <gtest/gtest.h>

namespace slam::local {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& path, const std::string& text)
{
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

class ProjectWatchTest : public ::testing::Test
{
protected:
  void SetUp() override
  {
    m_dir = util::make_temp_dir("slam-watch-test");
    write(m_dir / "app.py", "app = 1\n");
    write(m_dir / "pkg" / "mod.py", "x = 1\n");
  }
  void TearDown() override { fs::remove_all(m_dir); }

  fs::path m_dir;
};

TEST_F(ProjectWatchTest, nothing_changed_is_quiet)
{
  ProjectWatch watch(m_dir);
  EXPECT_FALSE(watch.changed());
}

TEST_F(ProjectWatchTest, an_edit_an_addition_and_a_removal_are_changes)
{
  ProjectWatch watch(m_dir);
  write(m_dir / "pkg" / "mod.py", "x = 22\n");
  EXPECT_TRUE(watch.changed());
  EXPECT_FALSE(watch.changed());
  write(m_dir / "new.py", "");
  EXPECT_TRUE(watch.changed());
  fs::remove(m_dir / "app.py");
  EXPECT_TRUE(watch.changed());
}

TEST_F(ProjectWatchTest, slams_own_files_and_caches_are_ignored)
{
  ProjectWatch watch(m_dir);
  write(m_dir / ".slam" / "package.zip", "zip");
  write(m_dir / "pkg" / "__pycache__" / "mod.cpython-312.pyc", "pyc");
  write(m_dir / "stray.pyc", "pyc");
  write(m_dir / ".git" / "index", "git");
  write(m_dir / "env" / "pyvenv.cfg", "home = /usr");
  write(m_dir / "env" / "lib" / "site.py", "");
  EXPECT_FALSE(watch.changed());
  EXPECT_EQ(project_stamps(m_dir).size(), 2u);
}

} // namespace
} // namespace slam::local
