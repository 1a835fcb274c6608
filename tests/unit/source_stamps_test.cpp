#include "package_test_support.hpp"
#include "slam/package/source_stamps.hpp"

#include <gtest/gtest.h>

namespace fs = std::filesystem;
using slam::package::FileStamp;
using slam::package::SnapshotSource;
using slam::package::stamp_of;

// Folder by folder or not, the stamps are those stat() gives, a missing
// file's the zero stamp, content in memory none.
TEST(SourceStamps, are_the_stamps_of_each_file)
{
  slam::test::TempDir dir;
  std::vector<SnapshotSource> sources;
  for (const auto* name : {"a/one.py", "a/two.py", "b/c/three.py", "top.py"}) {
    slam::test::write_file(dir.path() / name, name);
    sources.push_back({(dir.path() / name).string()});
  }
  sources.push_back({(dir.path() / "a/missing.py").string()});
  sources.push_back({(dir.path() / "gone/four.py").string()});
  sources.push_back({""}); // in memory
  fs::create_symlink(dir.path() / "a/one.py", dir.path() / "link.py");
  sources.push_back({(dir.path() / "link.py").string()});

  auto stamps = slam::package::SourceStamps(sources).take();

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
