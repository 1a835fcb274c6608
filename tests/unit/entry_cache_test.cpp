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

// A truncated or altered pack is never trusted: its entry counts as a
// miss and the next build writes it whole again, in a pack of its own.
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
    {
      EntryCache cache(folder);
      auto result = compress_sources(sources, &cache);
      EXPECT_EQ(result.compressed, 1u);
      EXPECT_EQ(result.entries.at(0), compress_entry("a.py", text(3), false));
      cache.prune();
    }
    EXPECT_EQ(only_file(folder), file);
    EXPECT_EQ(slam::util::read_file(file), whole);
  }
  // Bytes after the last record leave it usable; the pack is written
  // again without them.
  slam::util::write_file_atomic(file, whole + "extra");
  {
    EntryCache cache(folder);
    EXPECT_EQ(compress_sources(sources, &cache).cached, 1u);
    cache.prune();
  }
  EXPECT_EQ(only_file(folder), file);
  EXPECT_EQ(slam::util::read_file(file), whole);
}

// A build's entries go into one pack, written through a temporary file
// and a rename: nothing else is left behind, and every entry is found.
TEST(EntryCache, one_build_writes_one_pack)
{
  slam::test::TempDir dir;
  auto folder = dir.path() / "entries";
  auto sources = sources_in_memory(200);
  {
    EntryCache cache(folder);
    // On one thread: on more, two may compress the same content at once.
    EXPECT_EQ(compress_sources(sources, &cache, 1).compressed, 50u);
  }
  EXPECT_EQ(only_file(folder).extension(), ".pack");

  EntryCache cache(folder);
  EXPECT_EQ(compress_sources(sources, &cache, 4).cached, 200u);
}

// Each build that compresses something adds a pack; past the allowed
// count they are merged into one holding what the last build used.
TEST(EntryCache, packs_are_merged_past_the_allowed_count)
{
  slam::test::TempDir dir;
  auto folder = dir.path() / "entries";
  auto files = [&] {
    return std::distance(fs::directory_iterator(folder), {});
  };
  for (int build = 0; build < 20; ++build) {
    std::vector<EntrySource> sources{{"a.py", false, {}, text(100 + build)},
                                     {"b.py", false, {}, text(1)}};
    EntryCache cache(folder);
    compress_sources(sources, &cache);
    cache.prune();
    EXPECT_LE(files(), static_cast<long>(slam::package::k_entry_cache_packs));
  }
  EntryCache cache(folder);
  std::vector<EntrySource> last{{"a.py", false, {}, text(119)},
                                {"b.py", false, {}, text(1)}};
  EXPECT_EQ(compress_sources(last, &cache).cached, 2u);
}

// Files of the former one-file-per-entry cache are removed.
TEST(EntryCache, files_that_are_no_pack_are_removed)
{
  slam::test::TempDir dir;
  auto folder = dir.path() / "entries";
  fs::create_directories(folder);
  slam::util::write_file_atomic(folder / std::string(64, 'a'), "old entry");
  {
    EntryCache cache(folder);
    compress_sources(sources_in_memory(3), &cache);
  }
  EXPECT_EQ(only_file(folder).extension(), ".pack");
}

namespace {

// Count the contents of SOURCES that the cache in FOLDER has.
std::size_t cached_count(const fs::path& folder,
                         const std::vector<EntrySource>& sources)
{
  EntryCache cache(folder);
  std::size_t count = 0;
  for (const auto& source : sources) {
    count += cache.find(*source.content, source.name, false) ? 1 : 0;
  }
  return count;
}

} // namespace

TEST(EntryCache, prune_removes_unused_entries_only_over_the_limit)
{
  slam::test::TempDir dir;
  auto folder = dir.path() / "entries";
  auto all = sources_in_memory(50);
  {
    EntryCache cache(folder);
    compress_sources(all, &cache);
  }
  std::vector<EntrySource> kept{{"k.py", false, {}, text(1)}};
  {
    EntryCache cache(folder);
    compress_sources(kept, &cache);
    cache.prune(1u << 30);
  }
  EXPECT_EQ(cached_count(folder, all), 50u);

  EntryCache cache(folder);
  compress_sources(kept, &cache);
  cache.prune(100);
  EXPECT_EQ(cached_count(folder, all), 1u);
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

// A file that changes between its listing and its reading would go into
// the package half old, half new: the build fails and caches nothing.
TEST(ParallelCompression, a_file_changed_since_its_listing_is_an_error)
{
  slam::test::TempDir dir;
  auto path = dir.path() / "data.bin";
  slam::util::write_file_atomic(path, text(3));
  auto listed = slam::package::file_stamp(path);
  slam::util::write_file_atomic(path, text(4));
  std::vector<EntrySource> sources{{"data.bin", false, path, {}, listed}};
  EntryCache cache(dir.path() / "entries");

  try {
    compress_sources(sources, &cache, 2);
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "'" + path.string() +
                  "' changed while it was being packaged; build again");
  }
  EXPECT_FALSE(fs::exists(cache.folder()) && !fs::is_empty(cache.folder()));
}

// A pack is named by its keys (not by hashing all its bytes): the same
// entries give the same name wherever they are stored, and different
// ones another.
TEST(EntryCache, a_pack_is_named_by_its_keys)
{
  slam::test::TempDir dir;
  auto pack_of = [&](const std::string& folder, int seed) {
    {
      EntryCache cache(dir.path() / folder);
      cache.store(text(seed), compress_entry("a.py", text(seed), false));
    }
    return only_file(dir.path() / folder).filename();
  };

  EXPECT_EQ(pack_of("one", 1), pack_of("two", 1));
  EXPECT_NE(pack_of("three", 2), pack_of("one", 1));
}
