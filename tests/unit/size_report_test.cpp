#include "slam/package/size_report.hpp"

#include <gtest/gtest.h>

using namespace slam::package;

namespace {

// Two distributions and three folders' worth of files, out of order.
std::vector<SizedFile> sample_files()
{
  return {
      {"app.py", "", 300, 100},
      {"flask/app.py", "flask 3.0.0", 2000, 700},
      {"static/logo.png", "", 5000, 4900},
      {"boto3/session.py", "boto3 1.0", 9000, 2000},
      {"flask/cli.py", "flask 3.0.0", 1500, 500},
      {"lib/helpers.py", "", 5000, 1000},
      {"boto3/s3.py", "boto3 1.0", 100, 50},
  };
}

} // namespace

TEST(SizeReport, groups_by_distribution_and_top_level_folder_largest_first)
{
  auto report = size_report(sample_files());

  std::vector<SizeGroup> distributions = {{"boto3 1.0", 2, 9100, 2050},
                                          {"flask 3.0.0", 2, 3500, 1200}};
  // static/ and lib/ tie on unzipped size: by name then.
  std::vector<SizeGroup> folders = {{"lib/", 1, 5000, 1000},
                                    {"static/", 1, 5000, 4900},
                                    {"(top level)", 1, 300, 100}};
  EXPECT_EQ(report.distributions, distributions);
  EXPECT_EQ(report.folders, folders);
  EXPECT_EQ(report.unzipped, 22900u);
  EXPECT_EQ(report.zipped, 9250u);
}

TEST(SizeReport, empty_package_has_empty_report)
{
  EXPECT_EQ(size_report({}), SizeReport{});
}

TEST(SizeReport, human_size_uses_the_largest_fitting_unit)
{
  EXPECT_EQ(human_size(0), "0 B");
  EXPECT_EQ(human_size(1023), "1023 B");
  EXPECT_EQ(human_size(1024), "1.0 KiB");
  EXPECT_EQ(human_size(1536), "1.5 KiB");
  EXPECT_EQ(human_size(5 * 1024 * 1024 + 1024 * 1024 / 10), "5.1 MiB");
  EXPECT_EQ(human_size(k_lambda_unzipped_limit), "250.0 MiB");
  EXPECT_EQ(human_size(3ULL * 1024 * 1024 * 1024), "3.0 GiB");
}

TEST(SizeReport, format_lists_the_largest_groups_then_the_total)
{
  auto text = format_size_report(size_report(sample_files()), 2);

  EXPECT_EQ(
      text,
      "largest distributions:\n"
      "     8.9 KiB unzipped     2.0 KiB zipped       2 files  boto3 1.0\n"
      "     3.4 KiB unzipped     1.2 KiB zipped       2 files  flask "
      "3.0.0\n"
      "largest folders:\n"
      "     4.9 KiB unzipped      1000 B zipped       1 file   lib/\n"
      "     4.9 KiB unzipped     4.8 KiB zipped       1 file   static/\n"
      "  ... and 1 more\n"
      "total: 22.4 KiB unzipped, 9.0 KiB zipped\n");
}

TEST(SizeReport, format_leaves_out_a_kind_without_groups)
{
  auto text = format_size_report(size_report({{"app.py", "", 10, 10}}), 5);

  EXPECT_EQ(text,
            "largest folders:\n"
            "        10 B unzipped        10 B zipped       1 file   (top "
            "level)\n"
            "total: 10 B unzipped, 10 B zipped\n");
}

TEST(SizeReport, no_error_up_to_the_limit)
{
  EXPECT_EQ(size_limit_error(size_report(sample_files()), 22900), "");
}

TEST(SizeReport, error_over_the_limit_says_how_far_and_what_to_do)
{
  auto report = size_report(
      {{"numpy/core.so", "numpy 2.0", 3072, 1024}, {"app.py", "", 1024, 512}});

  EXPECT_EQ(
      size_limit_error(report, 2048),
      "the package is 4.0 KiB unzipped, 2.0 KiB over Lambda's limit of "
      "2.0 KiB; leave out what the function does not need "
      "('package.exclude' or .slamignore), move large dependencies to "
      "a Lambda layer or drop them from the requirements, or deploy a "
      "container image instead\n"
      "largest distributions:\n"
      "     3.0 KiB unzipped     1.0 KiB zipped       1 file   numpy 2.0\n"
      "largest folders:\n"
      "     1.0 KiB unzipped       512 B zipped       1 file   (top "
      "level)\n"
      "total: 4.0 KiB unzipped, 1.5 KiB zipped");
}

TEST(SizeReport, lambda_limit_is_the_quota_page_number)
{
  EXPECT_EQ(k_lambda_unzipped_limit, 250ULL * 1024 * 1024);
}

// Before compression only the files' own sizes are known.
TEST(SizeReport, error_before_compression_shows_no_zipped_sizes)
{
  auto report = size_report(
      {{"numpy/core.so", "numpy 2.0", 3072, 0}, {"app.py", "", 1024, 0}});
  report.zipped_known = false;

  auto error = size_limit_error(report, 2048);

  EXPECT_EQ(error.substr(error.find('\n') + 1),
            "largest distributions:\n"
            "     3.0 KiB unzipped       1 file   numpy 2.0\n"
            "largest folders:\n"
            "     1.0 KiB unzipped       1 file   (top level)\n"
            "total: 4.0 KiB unzipped");
}
