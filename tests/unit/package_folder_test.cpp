#include "package_test_support.hpp"
#include "slam/local/package_folder.hpp"
#include "slam/package/zip_entry.hpp"
#include "slam/package/zip_writer.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"

#include <gtest/gtest.h>

namespace fs = std::filesystem;
using slam::local::extract_package;
using slam::package::assemble_zip;
using slam::package::compress_entry;

namespace {

// Write a zip holding app.py with CONTENT to DIR; return its path and hash.
std::pair<fs::path, std::string> write_package(const fs::path& dir,
                                               const std::string& content)
{
  auto zip = assemble_zip({compress_entry("app.py", content, false),
                           compress_entry("bin/run", "#!/bin/sh\n", true)});
  auto path = dir / "app.zip";
  slam::util::write_file_atomic(path, zip);
  return {path, slam::util::sha256_hex(zip)};
}

} // namespace

TEST(PackageFolder, extracts_into_a_folder_named_by_the_hash)
{
  slam::test::TempDir dir;
  auto [zip, sha] = write_package(dir.path(), "print('a')\n");
  auto folder = extract_package(zip, sha, dir.path() / "local");
  EXPECT_EQ(folder, dir.path() / "local" / sha);
  EXPECT_EQ(slam::util::read_file(folder / "app.py"), "print('a')\n");
  auto mode = fs::status(folder / "bin" / "run").permissions();
  EXPECT_NE(mode & fs::perms::owner_exec, fs::perms::none);
  EXPECT_EQ(fs::status(folder / "app.py").permissions() & fs::perms::owner_exec,
            fs::perms::none);
}

// A folder by that name is complete: it is used as it is.
TEST(PackageFolder, reuses_the_folder_of_the_same_package)
{
  slam::test::TempDir dir;
  auto [zip, sha] = write_package(dir.path(), "print('a')\n");
  auto folder = extract_package(zip, sha, dir.path() / "local");
  slam::test::write_file(folder / "marker", "kept");
  EXPECT_EQ(extract_package(zip, sha, dir.path() / "local"), folder);
  EXPECT_TRUE(fs::exists(folder / "marker"));
}

// The newest other folder may still be served by another slam; older
// ones and abandoned partial extractions go.
TEST(PackageFolder, prunes_all_but_the_previous_package)
{
  slam::test::TempDir dir;
  auto local = dir.path() / "local";
  std::vector<fs::path> folders;
  for (const auto* content : {"1", "2", "3"}) {
    auto [zip, sha] = write_package(dir.path(), content);
    folders.push_back(extract_package(zip, sha, local));
  }
  fs::create_directories(local / ".abc.999999999.partial");
  auto [zip, sha] = write_package(dir.path(), "3");
  extract_package(zip, sha, local);
  EXPECT_FALSE(fs::exists(folders[0]));
  EXPECT_TRUE(fs::exists(folders[1]));
  EXPECT_TRUE(fs::exists(folders[2]));
  EXPECT_FALSE(fs::exists(local / ".abc.999999999.partial"));
}

TEST(PackageFolder, refuses_a_damaged_zip_and_leaves_no_folder)
{
  slam::test::TempDir dir;
  slam::test::write_file(dir.path() / "bad.zip", "not a zip at all, no");
  EXPECT_THROW(extract_package(dir.path() / "bad.zip", "f00", dir.path() / "l"),
               slam::Error);
  EXPECT_TRUE(fs::is_empty(dir.path() / "l"));
}

// Names that climb out of the folder are refused (the writer refuses to
// write them, so the archive is patched after the fact).
TEST(PackageFolder, refuses_a_member_outside_the_folder)
{
  slam::test::TempDir dir;
  auto zip = assemble_zip({compress_entry("ab/c.py", "x", false)});
  for (std::size_t at = zip.find("ab/c.py"); at != std::string::npos;
       at = zip.find("ab/c.py", at + 1)) {
    zip.replace(at, 3, "../");
  }
  try {
    slam::local::extract_zip(zip, dir.path());
    FAIL();
  } catch (const slam::Error& error) {
    EXPECT_STREQ(error.what(),
                 "zip member '../c.py' would land outside the folder it is "
                 "extracted into");
  }
}
