#include "package_test_support.hpp"
#include "slam/package/file_stamp.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"

#include <chrono>
#include <gtest/gtest.h>

namespace fs = std::filesystem;
using slam::package::check_unchanged;
using slam::package::file_stamp;

namespace {

// Return the message check_unchanged() throws for PATH, or "" when none.
std::string change_error(const fs::path& path,
                         const slam::package::FileStamp& listed)
{
  try {
    check_unchanged(path, listed);
  } catch (const slam::Error& error) {
    return error.what();
  }
  return "";
}

std::string changed_message(const fs::path& path)
{
  return "'" + path.string() +
         "' changed while it was being packaged; build again";
}

} // namespace

TEST(FileStamp, an_untouched_file_passes)
{
  slam::test::TempDir dir;
  auto path = dir.path() / "data.bin";
  slam::util::write_file_atomic(path, "0123456789");
  auto listed = file_stamp(path);

  EXPECT_EQ(listed.size, 10u);
  EXPECT_EQ(change_error(path, listed), "");
}

TEST(FileStamp, a_truncated_file_is_an_error)
{
  slam::test::TempDir dir;
  auto path = dir.path() / "data.bin";
  slam::util::write_file_atomic(path, "0123456789");
  auto listed = file_stamp(path);

  fs::resize_file(path, 4);

  EXPECT_EQ(change_error(path, listed), changed_message(path));
}

// Same size, same inode: only the modification time tells.
TEST(FileStamp, a_file_rewritten_in_place_is_an_error)
{
  slam::test::TempDir dir;
  auto path = dir.path() / "data.bin";
  slam::util::write_file_atomic(path, "0123456789");
  auto listed = file_stamp(path);

  fs::last_write_time(path,
                      fs::last_write_time(path) + std::chrono::seconds(1));

  EXPECT_EQ(change_error(path, listed), changed_message(path));
}

// Same size and time, another file: only the inode tells.
TEST(FileStamp, a_file_replaced_by_a_rename_is_an_error)
{
  slam::test::TempDir dir;
  auto path = dir.path() / "data.bin";
  slam::util::write_file_atomic(path, "0123456789");
  auto listed = file_stamp(path);
  auto time = fs::last_write_time(path);

  auto other = dir.path() / "other.bin";
  slam::util::write_file_atomic(other, "abcdefghij");
  fs::last_write_time(other, time);
  fs::rename(other, path);

  EXPECT_EQ(change_error(path, listed), changed_message(path));
}

TEST(FileStamp, a_removed_file_is_an_error)
{
  slam::test::TempDir dir;
  auto path = dir.path() / "data.bin";
  slam::util::write_file_atomic(path, "0123456789");
  auto listed = file_stamp(path);

  fs::remove(path);

  EXPECT_EQ(change_error(path, listed), changed_message(path));
}

// One stat() must answer what status() and file_stamp() did apart.
TEST(FileStamp, status_and_stamp_agree_with_status_and_file_stamp)
{
  slam::test::TempDir dir;
  auto path = dir.path() / "tool";
  slam::test::write_file(path, "#!/bin/sh\n", fs::perms(0755));
  fs::create_symlink("tool", dir.path() / "link");

  std::error_code error;
  auto [status, stamp] =
      slam::package::status_and_stamp(dir.path() / "link", error);

  EXPECT_FALSE(error);
  EXPECT_EQ(status.type(), fs::file_type::regular);
  EXPECT_EQ(status.permissions(), fs::status(path).permissions());
  EXPECT_EQ(stamp, file_stamp(path));
  EXPECT_EQ(slam::package::status_and_stamp(dir.path(), error).status.type(),
            fs::file_type::directory);
}

TEST(FileStamp, status_and_stamp_of_a_missing_file_is_not_found_and_an_error)
{
  slam::test::TempDir dir;
  std::error_code error;

  auto [status, stamp] =
      slam::package::status_and_stamp(dir.path() / "gone", error);

  EXPECT_EQ(error, std::errc::no_such_file_or_directory);
  EXPECT_EQ(status.type(), fs::file_type::not_found);
  EXPECT_EQ(stamp, slam::package::FileStamp{});
}
