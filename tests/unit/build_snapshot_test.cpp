#include "package_test_support.hpp"
#include "slam/package/build_inputs.hpp"
#include "slam/package/build_snapshot.hpp"
#include "slam/util/files.hpp"

#include <gtest/gtest.h>

namespace fs = std::filesystem;
using slam::package::BuildSnapshot;
using slam::package::decode_snapshot;
using slam::package::encode_snapshot;
using slam::package::folder_names;
using slam::package::PackagePart;

namespace {

BuildSnapshot sample_snapshot()
{
  BuildSnapshot snapshot;
  snapshot.key = std::string(64, 'k');
  snapshot.dependencies_reused = true;
  snapshot.messages = {{true, "the python environment differs"},
                       {false, "leaving 'x' out of the package"}};
  snapshot.exact = {{"/p/requirements.txt", {12, 1, 2, 3, 4}},
                    {"/p/.slamignore", {}}};
  snapshot.folders = {{{"/p", {1, 2, 3, 4, 5}, "names of p"}, false},
                      {{"/p/shop", {6, 7, 8, 9, 10}, "names of shop"}, true}};
  snapshot.sources = {
      {"/venv/site/flask/__init__.py",
       {10, 2, 3, 4, 5},
       PackagePart::dependencies},
      {"/venv/site/flask/app.py",
       {11, 2, 3, 4, 5},
       PackagePart::dependencies,
       false,
       true},
      {"", {}, PackagePart::runtime},
      {"/p/app.py", {12, 2, 3, 4, 5}, PackagePart::project, true, false},
  };
  snapshot.part_starts = {2, 3};
  return snapshot;
}

} // namespace

TEST(BuildSnapshot, decodes_what_it_encodes)
{
  auto snapshot = sample_snapshot();
  EXPECT_EQ(decode_snapshot(encode_snapshot(snapshot)), snapshot);

  snapshot.dependencies_reused.reset();
  snapshot.messages.clear();
  EXPECT_EQ(decode_snapshot(encode_snapshot(snapshot)), snapshot);
}

// Any changed byte, a cut or an addition makes the file unusable.
TEST(BuildSnapshot, a_damaged_file_is_refused)
{
  auto bytes = encode_snapshot(sample_snapshot());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x10);
    EXPECT_FALSE(decode_snapshot(damaged)) << i;
  }
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    EXPECT_FALSE(decode_snapshot(bytes.substr(0, size))) << size;
  }
  EXPECT_FALSE(decode_snapshot(bytes + "x"));
}

TEST(BuildSnapshot, part_starts_must_ascend_within_the_sources)
{
  auto snapshot = sample_snapshot();
  snapshot.part_starts = {3, 2};
  EXPECT_FALSE(decode_snapshot(encode_snapshot(snapshot)));
  snapshot.part_starts = {2, 5};
  EXPECT_FALSE(decode_snapshot(encode_snapshot(snapshot)));
}

TEST(BuildSnapshot, is_saved_loaded_and_removed)
{
  slam::test::TempDir dir;
  auto path = slam::package::snapshot_path(dir.path() / "app.zip");
  EXPECT_EQ(path.filename(), "app.zip.snapshot");
  slam::package::save_snapshot(path, sample_snapshot());
  EXPECT_EQ(slam::package::load_snapshot(path), sample_snapshot());
  slam::package::remove_snapshot(path);
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(slam::package::load_snapshot(path));
  slam::package::remove_snapshot(path); // already gone: nothing to do
}

// What a listing sees: names, types and link targets, not contents.
TEST(FolderNames, change_with_names_types_and_link_targets_only)
{
  slam::test::TempDir dir;
  auto folder = dir.path() / "app";
  fs::create_directories(folder);
  slam::test::write_file(folder / "a.py", "one");
  fs::create_symlink("a.py", folder / "link.py");
  auto names = folder_names(folder);
  EXPECT_FALSE(names.empty());

  slam::test::write_file(folder / "a.py", "two, longer");
  EXPECT_EQ(folder_names(folder), names);

  fs::rename(folder / "a.py", folder / "b.py");
  EXPECT_NE(folder_names(folder), names);
  fs::rename(folder / "b.py", folder / "a.py");
  EXPECT_EQ(folder_names(folder), names);

  fs::remove(folder / "link.py");
  fs::create_symlink("b.py", folder / "link.py");
  EXPECT_NE(folder_names(folder), names);
  fs::remove(folder / "link.py");
  fs::create_directory(folder / "link.py");
  EXPECT_NE(folder_names(folder), names);
}
