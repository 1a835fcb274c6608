#include "package_test_support.hpp"
#include "slam/config/config.hpp"
#include "slam/package/file_stamp.hpp"
#include "slam/package/package.hpp"
#include "slam/package/stat_index.hpp"
#include "slam/package/zip_layout.hpp"
#include "slam/package/zip_write.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"

#include <chrono>
#include <gtest/gtest.h>

// A rebuild rewrites only the end of the zip when its layout says the
// first entries are unchanged; whatever it does, the zip must be the one
// a cold build makes, byte for byte.

namespace fs = std::filesystem;
using slam::package::build_with_dependencies;
using slam::package::BuildResult;
using slam::test::write_file;

namespace {

// Return SIZE bytes that do not compress, different for each SEED.
std::string noise(std::size_t size, std::uint32_t seed)
{
  std::string bytes;
  for (std::uint32_t state = seed * 2654435761u + 1; bytes.size() < size;) {
    state = state * 1664525u + 1013904223u;
    bytes += static_cast<char>(state >> 24);
  }
  return bytes;
}

// A project of three files whose dependencies are 540 KB stored, so that
// the layout holds hash states inside them too.
slam::config::Config make_project(const fs::path& root, const fs::path& deps)
{
  write_file(root / "app.py", "app = None\n");
  write_file(root / "shop/views.py", "VIEWS = 1\n");
  write_file(root / "shop/models.py", "MODELS = 1\n");
  for (int i = 0; i < 60; ++i) {
    write_file(deps / ("lib/m" + std::to_string(i) + ".py"),
               noise(9000, static_cast<std::uint32_t>(i)));
  }
  auto old = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const auto& entry :
       fs::recursive_directory_iterator(root.parent_path())) {
    if (entry.is_regular_file()) {
      fs::last_write_time(entry.path(), old);
    }
  }
  return slam::test::function_project(root, "shop");
}

// Date the stat index after every change, so that its records are
// trusted: a rebuild then knows unchanged files without reading them.
void settle_index(const slam::config::Config& config)
{
  fs::last_write_time(config.project_dir / ".slam" /
                          slam::package::k_stat_index_name,
                      fs::file_time_type::clock::now() + std::chrono::hours(1));
}

BuildResult build(const slam::config::Config& config, const fs::path& deps)
{
  auto result = build_with_dependencies(config, deps);
  settle_index(config);
  return result;
}

// Return the zip a build without any cache makes of CONFIG with DEPS, in
// another folder: the project's own .slam stays as it is.
std::string cold_zip(const slam::config::Config& config, const fs::path& deps)
{
  auto copy = config.project_dir.parent_path() / "cold-copy";
  fs::remove_all(copy);
  fs::copy(config.project_dir, copy, fs::copy_options::recursive);
  fs::remove_all(copy / ".slam");
  auto cold = config;
  cold.project_dir = copy;
  cold.file = copy / "slam.yaml";
  return slam::util::read_file(build_with_dependencies(cold, deps).zip_path);
}

std::uint64_t inode_of(const fs::path& path)
{
  return slam::package::file_stamp(path).inode;
}

// The rebuild of CONFIG must give the cold build's bytes and hash; return
// whether it kept the zip's file (a rewrite in place) or replaced it.
bool rebuild_kept_the_file(const slam::config::Config& config,
                           const fs::path& deps)
{
  auto zip = slam::package::package_path(config);
  auto before = inode_of(zip);
  auto rebuilt = build(config, deps);
  auto bytes = slam::util::read_file(zip);
  EXPECT_EQ(bytes, cold_zip(config, deps));
  EXPECT_EQ(rebuilt.sha256, slam::util::sha256_hex(bytes));
  EXPECT_EQ(rebuilt.size, bytes.size());
  EXPECT_FALSE(fs::exists(slam::package::partial_path(zip)));
  return inode_of(zip) == before;
}

struct Project
{
  slam::test::TempDir dir;
  fs::path deps = dir.path() / "deps";
  slam::config::Config config = make_project(dir.path() / "project", deps);
  fs::path zip = slam::package::package_path(config);
  fs::path layout = slam::package::layout_path(zip);

  Project() { build(config, deps); }
};

} // namespace

TEST(PackageTail, a_changed_project_file_rewrites_only_the_end)
{
  Project project;
  write_file(project.config.project_dir / "shop/views.py", "VIEWS = 2\n");

  EXPECT_TRUE(rebuild_kept_the_file(project.config, project.deps));
}

TEST(PackageTail, an_added_project_file_rewrites_only_the_end)
{
  Project project;
  write_file(project.config.project_dir / "shop/cart.py", "CART = []\n");

  EXPECT_TRUE(rebuild_kept_the_file(project.config, project.deps));
}

TEST(PackageTail, a_removed_project_file_rewrites_only_the_end)
{
  Project project;
  fs::remove(project.config.project_dir / "shop/models.py");

  EXPECT_TRUE(rebuild_kept_the_file(project.config, project.deps));
}

TEST(PackageTail, changed_options_give_the_cold_build)
{
  Project project;
  project.config.environment.emplace_back("GREETING", "hello");

  EXPECT_TRUE(rebuild_kept_the_file(project.config, project.deps));
  project.config.package.exclude.push_back("shop/models.py");
  EXPECT_TRUE(rebuild_kept_the_file(project.config, project.deps));
}

TEST(PackageTail, a_changed_first_dependency_writes_the_zip_whole)
{
  Project project;
  write_file(project.deps / "lib/m0.py", "CHANGED = 1\n");

  EXPECT_FALSE(rebuild_kept_the_file(project.config, project.deps));
}

// A change past a hash state saved inside the dependencies keeps what
// comes before it.
TEST(PackageTail, a_changed_last_dependency_keeps_the_entries_before_it)
{
  Project project;
  write_file(project.deps / "lib/m9.py", "CHANGED = 1\n");

  EXPECT_TRUE(rebuild_kept_the_file(project.config, project.deps));
}

TEST(PackageTail, a_rebuild_with_no_change_writes_nothing)
{
  Project project;
  auto before = slam::package::file_stamp(project.zip);

  auto rebuilt = build(project.config, project.deps);

  EXPECT_TRUE(rebuilt.unchanged);
  EXPECT_EQ(rebuilt.compressed_count, 0u);
  EXPECT_EQ(slam::package::file_stamp(project.zip), before);
  EXPECT_EQ(rebuilt.sha256,
            slam::util::sha256_hex(slam::util::read_file(project.zip)));
}

TEST(PackageTail, a_damaged_layout_writes_the_zip_whole)
{
  Project project;
  auto bytes = slam::util::read_file(project.layout);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 1);
  slam::util::write_file_atomic(project.layout, bytes);
  write_file(project.config.project_dir / "shop/views.py", "VIEWS = 2\n");

  EXPECT_FALSE(rebuild_kept_the_file(project.config, project.deps));
}

TEST(PackageTail, a_layout_of_other_settings_writes_the_zip_whole)
{
  Project project;
  auto layout =
      slam::package::decode_layout(slam::util::read_file(project.layout));
  ASSERT_TRUE(layout);
  layout->settings = "libdeflate level 1";
  slam::util::write_file_atomic(project.layout,
                                slam::package::encode_layout(*layout));
  write_file(project.config.project_dir / "shop/views.py", "VIEWS = 2\n");

  EXPECT_FALSE(rebuild_kept_the_file(project.config, project.deps));
}

// A zip changed behind Slam's back no longer has the stamp its layout
// recorded: nothing of it is trusted.
TEST(PackageTail, a_zip_changed_since_its_layout_is_written_whole)
{
  Project project;
  auto bytes = slam::util::read_file(project.zip);
  bytes[100] = static_cast<char>(bytes[100] ^ 1);
  write_file(project.zip, bytes);
  write_file(project.config.project_dir / "shop/views.py", "VIEWS = 2\n");

  EXPECT_FALSE(rebuild_kept_the_file(project.config, project.deps));
}

// Killed once the zip is renamed: no zip under its name, no layout, and the
// next build writes it whole.
TEST(PackageTail, an_interrupted_rewrite_is_written_whole_next_time)
{
  Project project;
  write_file(project.config.project_dir / "shop/views.py", "VIEWS = 2\n");
  slam::package::set_tail_write_fault(
      [] { throw slam::Error("interrupted for the test"); });
  EXPECT_THROW(build(project.config, project.deps), slam::Error);
  slam::package::set_tail_write_fault({});

  EXPECT_FALSE(fs::exists(project.zip));
  EXPECT_FALSE(fs::exists(project.layout));
  EXPECT_TRUE(fs::exists(slam::package::partial_path(project.zip)));
  build(project.config, project.deps);
  auto bytes = slam::util::read_file(project.zip);
  EXPECT_EQ(bytes, cold_zip(project.config, project.deps));
  EXPECT_FALSE(fs::exists(slam::package::partial_path(project.zip)));
}

// Rebuilds that take most entries from the zip still count them as used:
// the entry cache's merge must not drop them.
TEST(PackageTail, many_rewrites_keep_every_entry_in_the_cache)
{
  Project project;
  for (int i = 0; i < 12; ++i) {
    write_file(project.config.project_dir / "shop/views.py",
               "VIEWS = " + std::to_string(i) + "\n");
    build(project.config, project.deps);
  }
  fs::remove(project.zip);

  auto rebuilt = build(project.config, project.deps);

  EXPECT_EQ(rebuilt.compressed_count, 0u);
}

// Dependencies first, Slam's runtime next, the project last: what
// changes most is at the end, where a rebuild rewrites.
TEST(PackageTail, entries_are_ordered_by_how_often_they_change)
{
  Project project;
  auto zip = slam::test::read_zip_with_python(project.zip);
  std::vector<std::string> names;
  for (const auto& entry : zip["entries"]) {
    names.push_back(entry["name"]);
  }

  ASSERT_GT(names.size(), 65u);
  EXPECT_EQ(names.front(), "lib/m0.py");
  EXPECT_EQ(names[59], "lib/m9.py");
  EXPECT_EQ(names[60].rfind("slam_adapter/", 0), 0u) << names[60];
  std::vector<std::string> last(names.end() - 4, names.end());
  EXPECT_EQ(
      last,
      (std::vector<std::string>{
          "app.py", "shop/models.py", "shop/views.py", "slam_config.json"}));
}

// A hash state that cannot be taken up (another OpenSSL's, say) costs the
// whole write, never the build.
TEST(PackageTail, a_hash_state_that_cannot_be_taken_up_writes_the_zip_whole)
{
  Project project;
  auto layout =
      slam::package::decode_layout(slam::util::read_file(project.layout));
  ASSERT_TRUE(layout);
  for (auto& checkpoint : layout->checkpoints) {
    checkpoint.state = "not a state";
  }
  auto stamp = slam::package::file_stamp(project.zip);
  slam::util::write_file_atomic(project.layout,
                                slam::package::encode_layout(*layout));
  ASSERT_EQ(slam::package::file_stamp(project.zip), stamp);
  write_file(project.config.project_dir / "shop/views.py", "VIEWS = 2\n");

  EXPECT_FALSE(rebuild_kept_the_file(project.config, project.deps));
}
