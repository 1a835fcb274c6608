#include "slam/package/build_progress.hpp"

#include <gtest/gtest.h>

using namespace slam::package;
using namespace std::chrono_literals;

TEST(BuildProgress, packing_line_shows_files_and_bytes)
{
  EXPECT_EQ(format_packing({120, 3400, 12 * 1024 * 1024 + 300 * 1024}),
            "packing 120/3400 files, 12.3 MiB");
  EXPECT_EQ(format_packing({0, 0, 0}), "packing 0/0 files, 0 B");
}

TEST(BuildProgress, status_waits_half_a_second_then_at_most_ten_a_second)
{
  EXPECT_FALSE(is_status_due(0ms, std::nullopt));
  EXPECT_FALSE(is_status_due(499ms, std::nullopt));
  EXPECT_TRUE(is_status_due(500ms, std::nullopt));
  EXPECT_FALSE(is_status_due(700ms, 99ms));
  EXPECT_TRUE(is_status_due(700ms, 100ms));
}

TEST(BuildProgress, summary_tells_files_sizes_time_and_cache)
{
  BuildSummary summary{12, 1024 * 1024, 3 * 1024 * 1024, 812ms};
  summary.cache.dependencies = true;

  EXPECT_EQ(format_build_summary(summary),
            "packaged 12 files, 1.0 MiB (3.0 MiB unzipped) in 0.8 s; cache: "
            "dependencies reused");
}

TEST(BuildProgress, summary_without_dependencies_names_no_cache)
{
  BuildSummary summary{3, 2048, 4096, 50ms};
  summary.unchanged = true;

  EXPECT_EQ(format_build_summary(summary),
            "packaged 3 files, 2.0 KiB (4.0 KiB unzipped) in 0.1 s, unchanged");
}

TEST(BuildProgress, summary_counts_entry_cache_hits_when_known)
{
  BuildSummary summary{10, 2048, 4096, 1500ms};
  summary.cache.dependencies = false;
  summary.cache.entries = 7;

  EXPECT_EQ(format_build_summary(summary),
            "packaged 10 files, 2.0 KiB (4.0 KiB unzipped) in 1.5 s; cache: "
            "dependencies installed, 7 of 10 entries reused");
}
