#include "package_test_support.hpp"
#include "slam/package/entry_cache.hpp"
#include "slam/package/parallel_compression.hpp"
#include "slam/package/zip_writer.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"

#include <atomic>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using slam::package::compress_entry;
using slam::package::compress_sources;
using slam::package::EntryCache;
using slam::package::EntrySource;

namespace {

std::string text(int seed)
{
  std::string out;
  for (int i = 0; i < 200; ++i) {
    out += "line " + std::to_string(seed * i) + "\n";
  }
  return out;
}

std::vector<EntrySource> sources_in_memory(int count)
{
  std::vector<EntrySource> sources;
  for (int i = 0; i < count; ++i) {
    sources.push_back(
        {"m/" + std::to_string(i) + ".py", i % 3 == 0, {}, text(i % 50)});
  }
  return sources;
}

// The only file of FOLDER.
fs::path only_file(const fs::path& folder)
{
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    files.push_back(entry.path());
  }
  EXPECT_EQ(files.size(), 1u);
  return files.at(0);
}

} // namespace

TEST(EntryCache, miss_then_hit_gives_the_same_entry)
{
  slam::test::TempDir dir;
  EntryCache cache(dir.path() / "entries");
  auto content = text(7);
  EXPECT_FALSE(cache.find(content, "a.py", false));

  auto entry = compress_entry("a.py", content, false);
  cache.store(content, entry);
  auto found = cache.find(content, "b/c.py", true);

  ASSERT_TRUE(found);
  auto expected = compress_entry("b/c.py", content, true);
  EXPECT_EQ(*found, expected);
  EXPECT_FALSE(cache.find(content + "x", "a.py", false));
}

// A truncated or altered entry file is never trusted: it counts as a miss
// and the next build writes it whole again.
TEST(EntryCache, damaged_entries_are_compressed_again)
{
  slam::test::TempDir dir;
  auto folder = dir.path() / "entries";
  std::vector<EntrySource> sources{{"a.py", false, {}, text(3)}};
  EXPECT_EQ(compress_sources(sources, nullptr).compressed, 1u);
  {
    EntryCache cache(folder);
    EXPECT_EQ(compress_sources(sources, &cache).compressed, 1u);
  }
  auto file = only_file(folder);
  auto whole = slam::util::read_file(file);

  for (auto damaged : {whole.substr(0, whole.size() - 1),
                       whole.substr(0, 10),
                       std::string(),
                       whole.substr(0, whole.size() - 1) + "\x01"}) {
    slam::util::write_file_atomic(file, damaged);
    EntryCache cache(folder);
    auto result = compress_sources(sources, &cache);
    EXPECT_EQ(result.compressed, 1u);
    EXPECT_EQ(result.entries.at(0), compress_entry("a.py", text(3), false));
    EXPECT_EQ(slam::util::read_file(file), whole);
  }
  EntryCache cache(folder);
  EXPECT_EQ(compress_sources(sources, &cache).cached, 1u);
}

// Entries are written through a temporary file and a rename: none is
// left behind, and the folder only holds whole entries.
TEST(EntryCache, writes_leave_no_temporary_files)
{
  slam::test::TempDir dir;
  EntryCache cache(dir.path() / "entries");
  auto sources = sources_in_memory(200);
  compress_sources(sources, &cache, 4);

  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(cache.folder())) {
    EXPECT_EQ(entry.path().filename().string().size(), 64u);
    ++count;
  }
  EXPECT_EQ(count, 50u); // 50 distinct contents
}

TEST(EntryCache, prune_removes_unused_entries_only_over_the_limit)
{
  slam::test::TempDir dir;
  auto folder = dir.path() / "entries";
  {
    EntryCache cache(folder);
    compress_sources(sources_in_memory(50), &cache);
  }
  std::vector<EntrySource> kept{{"k.py", false, {}, text(1)}};
  {
    EntryCache cache(folder);
    compress_sources(kept, &cache);
    cache.prune(1u << 30);
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(folder), {}), 50);

  EntryCache cache(folder);
  compress_sources(kept, &cache);
  cache.prune(100);
  EXPECT_EQ(std::distance(fs::directory_iterator(folder), {}), 1);
  EXPECT_EQ(compress_sources(kept, &cache).cached, 1u);
}

// Threads and cache change nothing in the bytes of the zip.
TEST(ParallelCompression, result_is_the_same_on_any_number_of_threads)
{
  slam::test::TempDir dir;
  auto sources = sources_in_memory(300);
  slam::test::write_file(dir.path() / "f.py", text(99));
  sources.push_back({"f.py", true, dir.path() / "f.py", std::nullopt});

  auto sequential = compress_sources(sources, nullptr, 1);
  auto parallel = compress_sources(sources, nullptr, 8);
  EntryCache cache(dir.path() / "entries");
  auto cold = compress_sources(sources, &cache, 8);
  auto warm = compress_sources(sources, &cache, 8);

  EXPECT_EQ(sequential.compressed, 301u);
  EXPECT_EQ(warm.compressed, 0u);
  EXPECT_EQ(warm.cached, 301u);
  auto zip = slam::package::assemble_zip(sequential.entries);
  EXPECT_EQ(slam::package::assemble_zip(parallel.entries), zip);
  EXPECT_EQ(slam::package::assemble_zip(cold.entries), zip);
  EXPECT_EQ(slam::package::assemble_zip(warm.entries), zip);
}

TEST(ParallelCompression, a_missing_file_is_an_error_after_all_threads_stop)
{
  slam::test::TempDir dir;
  auto sources = sources_in_memory(100);
  sources.insert(sources.begin() + 40,
                 {"gone.py", false, dir.path() / "gone.py", std::nullopt});

  EXPECT_THROW(compress_sources(sources, nullptr, 4), slam::Error);
}

TEST(ParallelCompression, each_entry_is_reported_done_once_with_its_size)
{
  auto sources = sources_in_memory(40);
  std::atomic<std::uint64_t> total{0};
  std::atomic<int> calls{0};
  auto result = compress_sources(sources, nullptr, 4, [&](std::uint64_t size) {
    total += size;
    ++calls;
  });

  std::uint64_t expected = 0;
  for (const auto& entry : result.entries) {
    expected += entry.size;
  }
  EXPECT_EQ(calls.load(), 40);
  EXPECT_EQ(total.load(), expected);
}
