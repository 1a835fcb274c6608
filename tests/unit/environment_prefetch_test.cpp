#include "dependencies_test_support.hpp"
#include "slam/package/entry_cache.hpp"
#include "slam/package/environment_prefetch.hpp"
#include "slam/package/indexed_entry.hpp"
#include "slam/package/stat_index.hpp"

#include <chrono>
#include <gtest/gtest.h>
#include <thread>

using namespace slam::package;
using slam::test::TempFolder;
using slam::test::write;

namespace {

namespace fs = std::filesystem;

// A site-packages folder with a module, its bytecode and a data file.
class EnvironmentPrefetchTest : public testing::Test
{
protected:
  void SetUp() override
  {
    write(site() / "pkg" / "__init__.py", "VALUE = 1\n");
    write(site() / "pkg" / "__pycache__" / "__init__.cpython-312.pyc", "b");
    write(site() / "pkg" / "old.pyc", "bytecode");
    write(site() / "pkg" / "data.json", std::string(5000, 'x'));
  }

  fs::path site() const { return m_temp.path() / "site-packages"; }
  fs::path folder() const { return m_temp.path(); }

private:
  TempFolder m_temp;
};

} // namespace

TEST_F(EnvironmentPrefetchTest, compresses_every_file_but_bytecode)
{
  EnvironmentPrefetch prefetch({site()});
  prefetch.wait();

  auto module = site() / "pkg" / "__init__.py";
  auto taken = prefetch.take(module, stamp_of(module));
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->entry, compress_entry({}, "VALUE = 1\n", false));
  EXPECT_EQ(taken->id, content_id("VALUE = 1\n"));
  auto data = site() / "pkg" / "data.json";
  EXPECT_TRUE(prefetch.take(data, stamp_of(data)));
  for (auto bytecode :
       {site() / "pkg" / "old.pyc",
        site() / "pkg" / "__pycache__" / "__init__.cpython-312.pyc"}) {
    EXPECT_FALSE(prefetch.take(bytecode, stamp_of(bytecode))) << bytecode;
  }
}

TEST_F(EnvironmentPrefetchTest, gives_each_entry_once)
{
  EnvironmentPrefetch prefetch({site()});
  prefetch.wait();
  auto module = site() / "pkg" / "__init__.py";

  EXPECT_TRUE(prefetch.take(module, stamp_of(module)));
  EXPECT_FALSE(prefetch.take(module, stamp_of(module)));
}

TEST_F(EnvironmentPrefetchTest, drops_a_file_changed_since)
{
  EnvironmentPrefetch prefetch({site()});
  prefetch.wait();
  auto module = site() / "pkg" / "__init__.py";
  // Past the coarse clock's tick, so that the stamp moves.
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  write(module, "VALUE = 2\n");
  EntryCache cache(folder() / "entries");
  StatIndex index(folder() / "stat-index");

  auto made = make_indexed_entry(
      {"pkg/__init__.py", false, module, {}}, cache, index, &prefetch);

  EXPECT_EQ(made.entry,
            compress_entry("pkg/__init__.py", "VALUE = 2\n", false));
}

TEST_F(EnvironmentPrefetchTest, an_entry_taken_is_named_cached_and_indexed)
{
  EnvironmentPrefetch prefetch({site()});
  prefetch.wait();
  auto module = site() / "pkg" / "__init__.py";
  EntryCache cache(folder() / "entries");
  StatIndex index(folder() / "stat-index");

  auto made = make_indexed_entry(
      {"pkg/__init__.py", true, module, {}}, cache, index, &prefetch);

  EXPECT_TRUE(made.compressed);
  EXPECT_EQ(made.entry, compress_entry("pkg/__init__.py", "VALUE = 1\n", true));
  EXPECT_EQ(cache.find(content_id("VALUE = 1\n"), "x", false),
            compress_entry("x", "VALUE = 1\n", false));
}

TEST(VirtualenvSitePackages, finds_the_site_packages_of_a_virtualenv)
{
  TempFolder temp;
  auto site = slam::test::make_virtualenv(temp.path() / "venv");

  EXPECT_EQ(virtualenv_site_packages(temp.path() / "venv" / "bin" / "python"),
            std::vector<fs::path>{site});
  EXPECT_EQ(virtualenv_site_packages("/usr/bin/python3"),
            std::vector<fs::path>{});
}
