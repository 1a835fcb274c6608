#include "dependencies_test_support.hpp"
#include "slam/package/distribution_files.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::package;
using slam::test::TempFolder;
using slam::test::write;

TEST(DistributionFiles, keeps_existing_site_packages_files_without_bytecode)
{
  TempFolder temp;
  auto site = temp.path() / "lib/site-packages";
  for (auto file : {"pkg/__init__.py",
                    "pkg/data/x.json",
                    "pkg/__pycache__/__init__.cpython-311.pyc",
                    "pkg/old.pyc",
                    "pkg-1.0.dist-info/RECORD"}) {
    write(site / file, "x");
  }
  write(temp.path() / "bin/pkg-tool", "#!/bin/sh\n");
  Distribution distribution{.name = "pkg",
                            .location = site,
                            .files = std::vector<std::string>{
                                "pkg/__init__.py",
                                "pkg/./data/x.json",
                                "pkg/missing.py",
                                "pkg/__pycache__/__init__.cpython-311.pyc",
                                "pkg/old.pyc",
                                "pkg-1.0.dist-info/RECORD",
                                "../../bin/pkg-tool",
                                "/etc/passwd"}};

  EXPECT_EQ(
      distribution_files(distribution, "venv"),
      (std::vector<DistributionFile>{
          {site / "pkg/__init__.py", "pkg/__init__.py"},
          {site / "pkg/data/x.json", "pkg/data/x.json"},
          {site / "pkg-1.0.dist-info/RECORD", "pkg-1.0.dist-info/RECORD"}}));
}

TEST(DistributionFiles, distribution_without_record_is_an_error)
{
  try {
    distribution_files(
        slam::package::Distribution{.name = "legacy", .location = "/site"},
        "venv");
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_STREQ(error.what(),
                 "'legacy' in the python environment 'venv' has no list of "
                 "its files (RECORD); reinstall it there with pip");
  }
}

// Listed with one stat() each: the stamp and execute bit come with it.
TEST(DistributionFiles, each_file_carries_its_stamp_and_execute_bit)
{
  TempFolder temp;
  auto site = temp.path() / "site-packages";
  write(site / "pkg/__init__.py", "x");
  write(site / "pkg/run", "#!/bin/sh\n");
  std::filesystem::permissions(site / "pkg/run",
                               std::filesystem::perms::owner_exec,
                               std::filesystem::perm_options::add);
  Distribution distribution{
      .name = "pkg",
      .location = site,
      .files = std::vector<std::string>{"pkg/__init__.py", "pkg/run"}};

  auto files = distribution_files(distribution, "venv");

  ASSERT_EQ(files.size(), 2u);
  EXPECT_FALSE(files[0].executable);
  EXPECT_TRUE(files[1].executable);
  for (const auto& file : files) {
    EXPECT_EQ(file.stamp, slam::package::file_stamp(file.source)) << file.path;
  }
}
