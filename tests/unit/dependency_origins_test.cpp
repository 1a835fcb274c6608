#include "package_test_support.hpp"
#include "slam/package/dependency_origins.hpp"

#include <gtest/gtest.h>

using slam::package::dependency_origins;
using slam::package::DistributionName;
using slam::package::record_path;
using slam::test::TempDir;
using slam::test::write_file;

// RECORD lines: plain and quoted paths.
TEST(DependencyOrigins, record_paths)
{
  EXPECT_EQ(record_path("a/b.py,sha256=x,12"), "a/b.py");
  EXPECT_EQ(record_path("a/RECORD,,"), "a/RECORD");
  EXPECT_EQ(record_path(R"("a,""b"".py",sha256=x,1)"), R"(a,"b".py)");
  EXPECT_EQ(record_path(""), "");
}

// Each RECORD of a .dist-info folder names its distribution's files.
TEST(DependencyOrigins, reads_records)
{
  TempDir dir;
  write_file(dir.path() / "charset_normalizer-3.3.2.dist-info/RECORD",
             "charset_normalizer/md.cpython-312-x86_64-linux-gnu.so,sha256="
             "x,10\r\ncharset_normalizer-3.3.2.dist-info/RECORD,,\n"
             "../../bin/normalizer,sha256=y,3\n");
  write_file(dir.path() / "odd.dist-info/RECORD", "odd.py,,\n");
  write_file(dir.path() / "plain/RECORD", "plain.py,,\n");
  auto origins = dependency_origins(dir.path());
  DistributionName charset{"charset_normalizer", "3.3.2"};
  ASSERT_NE(origins.find(dir.path() / "charset_normalizer/md.cpython-312-"
                                      "x86_64-linux-gnu.so"),
            nullptr);
  EXPECT_EQ(*origins.find(dir.path() / "charset_normalizer/./md.cpython-312-"
                                       "x86_64-linux-gnu.so"),
            charset);
  EXPECT_EQ(*origins.find(dir.path() / "odd.py"),
            (DistributionName{"odd", ""}));
  EXPECT_EQ(origins.find(dir.path() / "plain.py"), nullptr);
  EXPECT_EQ(origins.distributions.size(), 4u);
}

TEST(DependencyOrigins, normal_relative_paths_are_told_apart)
{
  using slam::package::is_normal_relative;
  EXPECT_TRUE(is_normal_relative("boto3/__init__.py"));
  EXPECT_TRUE(is_normal_relative("a..b/.c"));
  for (auto path : {"", "/abs", "a//b", "a/./b", "./a", "a/../b", "..", "a/"}) {
    EXPECT_FALSE(is_normal_relative(path)) << path;
  }
}

// The quick join must give what normalising the joined path gives.
TEST(DependencyOrigins, joined_paths_are_normal)
{
  for (auto folder : {"/site", "/site/", "/a/./site", "/a/../site", "rel"}) {
    for (auto path : {"x/y.py", "x//y.py", "./x/y.py", "x/../y.py"}) {
      EXPECT_EQ(slam::package::joined_normal(folder, path),
                (std::filesystem::path(folder) / path).lexically_normal())
          << folder << " " << path;
    }
  }
}
