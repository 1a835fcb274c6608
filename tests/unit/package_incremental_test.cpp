#include "package_test_support.hpp"
#include "slam/config/config.hpp"
#include "slam/package/package.hpp"
#include "slam/package/stat_index.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"

#include <chrono>
#include <gtest/gtest.h>

// Builds that take entries from the caches (the stat index and the entry
// packs) must give the bytes a cold build gives, whatever state the caches
// are in.

namespace fs = std::filesystem;
using slam::package::build_with_dependencies;
using slam::test::write_file;

namespace {

slam::config::Config make_project(const fs::path& root, const fs::path& deps)
{
  write_file(root / "app.py", "app = None\n");
  write_file(root / "shop/views.py", "VIEWS = 1\n");
  write_file(root / "bin/run", "#!/bin/sh\n", fs::perms(0755));
  for (int i = 0; i < 40; ++i) {
    write_file(deps / ("lib/m" + std::to_string(i) + ".py"),
               std::string(100 + i * 37, static_cast<char>('a' + i % 26)));
  }
  // Old enough for the stat index to trust them at once.
  for (const auto& entry :
       fs::recursive_directory_iterator(root.parent_path())) {
    if (entry.is_regular_file()) {
      fs::last_write_time(entry.path(),
                          fs::file_time_type::clock::now() -
                              std::chrono::hours(1));
    }
  }
  return slam::test::function_project(root, "shop");
}

// Return the zip a build without any cache makes of CONFIG with DEPS.
std::string cold_zip(const slam::config::Config& config, const fs::path& deps)
{
  fs::remove_all(config.project_dir / ".slam");
  return slam::util::read_file(build_with_dependencies(config, deps).zip_path);
}

// Date the stat index after every change, so its records are trusted.
void settle_index(const slam::config::Config& config)
{
  fs::last_write_time(config.project_dir / ".slam" /
                          slam::package::k_stat_index_name,
                      fs::file_time_type::clock::now() + std::chrono::hours(1));
}

} // namespace

TEST(PackageIncremental, a_rebuild_after_a_change_equals_a_cold_build)
{
  slam::test::TempDir dir;
  auto deps = dir.path() / "deps";
  auto config = make_project(dir.path() / "project", deps);
  build_with_dependencies(config, deps);
  settle_index(config);

  write_file(config.project_dir / "shop/views.py", "VIEWS = 2\n");
  auto rebuilt = build_with_dependencies(config, deps);
  auto incremental = slam::util::read_file(rebuilt.zip_path);

  EXPECT_EQ(rebuilt.compressed_count, 1u);
  EXPECT_EQ(incremental, cold_zip(config, deps));
  EXPECT_EQ(rebuilt.sha256, slam::util::sha256_hex(incremental));
}

// Damaged caches cost time, never bytes: every record is checked, and a
// cache that cannot be read counts as empty.
TEST(PackageIncremental, damaged_caches_give_the_cold_build)
{
  slam::test::TempDir dir;
  auto deps = dir.path() / "deps";
  auto config = make_project(dir.path() / "project", deps);
  auto cold = cold_zip(config, deps);
  settle_index(config);
  auto slam_dir = config.project_dir / ".slam";

  for (const auto& entry : fs::recursive_directory_iterator(slam_dir)) {
    if (entry.is_regular_file() && entry.path().extension() != ".zip") {
      auto bytes = slam::util::read_file(entry.path());
      for (std::size_t i = bytes.size() / 3; i < bytes.size(); i += 97) {
        bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
      }
      slam::util::write_file_atomic(entry.path(), bytes);
    }
  }
  settle_index(config);
  auto rebuilt = build_with_dependencies(config, deps);

  EXPECT_EQ(slam::util::read_file(rebuilt.zip_path), cold);
  EXPECT_EQ(rebuilt.sha256, slam::util::sha256_hex(cold));
}
