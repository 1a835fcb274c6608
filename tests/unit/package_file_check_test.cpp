#include "package_test_support.hpp"
#include "slam/package/package_file_check.hpp"
#include "slam/package/zip_entry.hpp"
#include "slam/package/zip_writer.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace fs = std::filesystem;
using slam::package::check_package_file;
using slam::package::k_max_package_file_size;
using slam::test::write_file;

namespace {

// Return the message of the slam::UsageError check_package_file throws
// for PATH, or "" when it throws none.
std::string check_error(const fs::path& path)
{
  try {
    check_package_file(path);
  } catch (const slam::UsageError& error) {
    return error.what();
  }
  return "";
}

std::string small_zip()
{
  std::vector<slam::package::CompressedEntry> entries;
  entries.push_back(slam::package::compress_entry("app.py", "x = 1", false));
  return slam::package::assemble_zip(std::move(entries));
}

// Write a file of SIZE bytes starting with a zip signature; sparse, so
// that it takes no room on disk.
void write_sparse_zip(const fs::path& path, std::uintmax_t size)
{
  write_file(path, small_zip());
  fs::resize_file(path, size);
}

} // namespace

TEST(PackageFileCheck, zip_archive_passes)
{
  slam::test::TempDir dir;
  write_file(dir.path() / "app.zip", small_zip());

  EXPECT_EQ(check_error(dir.path() / "app.zip"), "");
}

TEST(PackageFileCheck, empty_zip_archive_passes)
{
  slam::test::TempDir dir;
  write_file(dir.path() / "empty.zip", slam::package::assemble_zip({}));

  EXPECT_EQ(check_error(dir.path() / "empty.zip"), "");
}

TEST(PackageFileCheck, symlink_to_a_zip_archive_passes)
{
  slam::test::TempDir dir;
  write_file(dir.path() / "app.zip", small_zip());
  fs::create_symlink("app.zip", dir.path() / "latest.zip");

  EXPECT_EQ(check_error(dir.path() / "latest.zip"), "");
}

TEST(PackageFileCheck, file_that_is_not_a_zip_is_refused)
{
  slam::test::TempDir dir;
  auto path = dir.path() / "fake.zip";
  for (std::string content : {std::string("hello, not a zip\n"),
                              std::string("PK"),
                              std::string(),
                              std::string("PK\x01\x02", 4)}) {
    write_file(path, content);
    EXPECT_EQ(check_error(path),
              "--lambda-package '" + path.string() + "' is not a zip file")
        << content;
  }
}

TEST(PackageFileCheck, missing_file_is_refused)
{
  slam::test::TempDir dir;
  auto path = dir.path() / "nope.zip";

  EXPECT_EQ(check_error(path),
            "--lambda-package '" + path.string() +
                "' cannot be read: No such file or directory");
}

// /dev/zero would be read until memory runs out; a fifo would block.
TEST(PackageFileCheck, device_fifo_and_folder_are_refused)
{
  slam::test::TempDir dir;
  auto fifo = dir.path() / "pipe.zip";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  fs::create_directories(dir.path() / "folder.zip");
  for (fs::path path :
       {fs::path("/dev/zero"), fifo, dir.path() / "folder.zip"}) {
    EXPECT_EQ(check_error(path),
              "--lambda-package '" + path.string() + "' is not a regular file");
  }
}

TEST(PackageFileCheck, file_over_250_mb_is_refused)
{
  slam::test::TempDir dir;
  auto path = dir.path() / "big.zip";
  write_sparse_zip(path, k_max_package_file_size + 1);

  EXPECT_EQ(check_error(path),
            "--lambda-package '" + path.string() +
                "' is 262144001 bytes, more than the 262144000 bytes (250 "
                "MiB) that Lambda accepts");
}

TEST(PackageFileCheck, file_of_exactly_250_mb_passes)
{
  slam::test::TempDir dir;
  auto path = dir.path() / "big.zip";
  write_sparse_zip(path, k_max_package_file_size);

  EXPECT_EQ(check_error(path), "");
}
