#include "elf_fixture.hpp"
#include "package_test_support.hpp"
#include "slam/config/config.hpp"
#include "slam/package/native_check.hpp"
#include "slam/package/package.hpp"
#include "slam/package/stat_index.hpp"
#include "slam/util/error.hpp"

#include <chrono>
#include <gtest/gtest.h>

// The native-file check inside a build: it learns which files start with
// the ELF magic while packing them, or from the stat index for files that
// did not change, instead of opening every file.

namespace fs = std::filesystem;
using slam::test::build_error;
using slam::test::write_file;

namespace {

constexpr std::uint16_t k_aarch64 = 183;

// A project whose bin/tool is an ELF library for MACHINE, not named like
// one, with its mtime in the past.
slam::config::Config make_project(const fs::path& root, std::uint16_t machine)
{
  write_file(root / "app.py", "app = None\n");
  write_file(root / "bin/tool", slam::test::elf_bytes({machine, {}}));
  fs::last_write_time(root / "bin/tool",
                      fs::file_time_type::clock::now() - std::chrono::hours(1));
  auto config = slam::test::function_project(root, "hello");
  config.aws.lambda_runtime = "python3.12";
  config.aws.lambda_architecture = "x86_64";
  return config;
}

} // namespace

TEST(PackageNative, a_cold_build_finds_elf_content_under_any_name)
{
  slam::test::TempDir dir;
  auto config = make_project(dir.path() / "project", k_aarch64);
  fs::create_directories(dir.path() / "deps");

  auto error = build_error(config, dir.path() / "deps");

  EXPECT_NE(error.find("'bin/tool' of the project is an ELF file for AArch64"),
            std::string::npos)
      << error;
}

TEST(PackageNative, an_unchanged_file_is_checked_from_the_stat_index)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  auto config = make_project(root, 62);
  fs::create_directories(dir.path() / "deps");
  ASSERT_EQ(build_error(config, dir.path() / "deps"), "");
  // Saved well after the file's last change, so its record is trusted.
  fs::last_write_time(root / ".slam" / slam::package::k_stat_index_name,
                      fs::file_time_type::clock::now() + std::chrono::hours(1));

  config.aws.lambda_architecture = "arm64";
  auto error = build_error(config, dir.path() / "deps");

  EXPECT_NE(error.find("'bin/tool' of the project is an ELF file for x86-64, "
                       "but the arm64 architecture needs AArch64"),
            std::string::npos)
      << error;
}

// A file said to start with the ELF magic (by a damaged cache, say) but
// that does not is no native file: it does not fail the build.
TEST(PackageNative, a_wrong_elf_answer_is_checked_against_the_file)
{
  slam::test::TempDir dir;
  write_file(dir.path() / "notes.txt", "plain text\n");
  std::vector<slam::package::PackageFile> files{
      {"notes.txt", dir.path() / "notes.txt", false}};

  EXPECT_NO_THROW(slam::package::check_native_files(
      files, {true}, {}, {"python3.12", "x86_64"}));
}
