#include "package_test_support.hpp"
#include "slam/package/fast_inputs.hpp"
#include "slam/util/files.hpp"

#include <gtest/gtest.h>

namespace fs = std::filesystem;
using slam::package::FileStamp;
using slam::package::SnapshotSource;
using slam::package::stamp_of;

// Folder by folder or not, the stamps are those stat() gives, a missing
// file's the zero stamp, content in memory none.
TEST(FastInputs, stamps_are_those_of_each_file)
{
  slam::test::TempDir dir;
  std::vector<SnapshotSource> sources;
  for (const auto* name : {"a/one.py", "a/two.py", "b/c/three.py", "top.py"}) {
    slam::test::write_file(dir.path() / name, name);
    sources.push_back({(dir.path() / name).string(), {}});
  }
  sources.push_back({(dir.path() / "a/missing.py").string(), {}});
  sources.push_back({(dir.path() / "gone/four.py").string(), {}});
  sources.push_back({"", {}}); // in memory
  fs::create_symlink(dir.path() / "a/one.py", dir.path() / "link.py");
  sources.push_back({(dir.path() / "link.py").string(), {}});

  slam::package::FastInputs inputs(dir.path() / "no.layout");
  inputs.stamp(sources);
  auto stamps = inputs.take_stamps();

  ASSERT_EQ(stamps.size(), sources.size());
  for (std::size_t i = 0; i < sources.size(); ++i) {
    auto expected =
        sources[i].file.empty() ? FileStamp{} : stamp_of(sources[i].file);
    EXPECT_EQ(stamps[i], expected) << sources[i].file;
  }
  EXPECT_NE(stamps[0], FileStamp{});
  EXPECT_EQ(stamps[4], FileStamp{});
  EXPECT_EQ(stamps[7], stamps[0]); // through the link
}

// Many more sources than a run: both threads take runs, and every source
// gets its own stamp in its place.
TEST(FastInputs, every_run_is_stamped_once_in_place)
{
  slam::test::TempDir dir;
  std::vector<SnapshotSource> sources;
  for (int i = 0; i < 2000; ++i) {
    auto path =
        dir.path() / std::to_string(i % 7) / (std::to_string(i) + ".py");
    slam::test::write_file(path, std::string(static_cast<std::size_t>(i), 'x'));
    sources.push_back({path.string(), {}});
  }

  slam::package::FastInputs inputs(dir.path() / "no.layout");
  inputs.stamp(sources);
  auto stamps = inputs.take_stamps();

  ASSERT_EQ(stamps.size(), sources.size());
  for (std::size_t i = 0; i < sources.size(); ++i) {
    ASSERT_EQ(stamps[i], stamp_of(sources[i].file)) << i;
    ASSERT_EQ(stamps[i].size, i) << i;
  }
}

// The layout is the one load_layout() reads, or none.
TEST(FastInputs, the_layout_is_loaded_as_load_layout_does)
{
  slam::test::TempDir dir;
  slam::package::ZipLayout layout;
  layout.settings = slam::package::zip_layout_settings();
  layout.zip = {1, 2, 3, 4, 5};
  layout.sha256 = std::string(64, 'c');
  slam::package::save_layout(dir.path() / "zip.layout", layout);

  EXPECT_EQ(slam::package::FastInputs(dir.path() / "zip.layout").take_layout(),
            layout);
  EXPECT_EQ(slam::package::FastInputs(dir.path() / "none").take_layout(),
            std::nullopt);
  slam::test::write_file(dir.path() / "bad.layout", "SLAMZL1\nnot a layout");
  EXPECT_EQ(slam::package::FastInputs(dir.path() / "bad.layout").take_layout(),
            std::nullopt);
}

// A build that stops before it stamps, or halfway, ends the other thread:
// destroying the inputs returns (the test would hang otherwise).
TEST(FastInputs, stopping_early_ends_the_other_thread)
{
  slam::test::TempDir dir;
  std::vector<SnapshotSource> sources(
      50000, SnapshotSource{(dir.path() / "f").string(), {}});
  {
    slam::package::FastInputs never_stamped(dir.path() / "none");
  }
  {
    slam::package::FastInputs stamping(dir.path() / "none");
    stamping.stamp(sources);
  }
  {
    slam::package::FastInputs layout_only(dir.path() / "none");
    EXPECT_FALSE(layout_only.take_layout());
  }
}
