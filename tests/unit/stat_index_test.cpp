#include "dependencies_test_support.hpp"
#include "slam/package/entry_cache.hpp"
#include "slam/package/indexed_entry.hpp"
#include "slam/package/native_file.hpp"
#include "slam/package/stat_index.hpp"

#include <chrono>
#include <gtest/gtest.h>
#include <thread>

using namespace slam::package;
using slam::test::TempFolder;
using slam::test::write;

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A project folder with an index file in it.
class StatIndexTest : public testing::Test
{
protected:
  fs::path file(const std::string& name) const { return m_temp.path() / name; }
  fs::path index_file() const { return file("stat-index"); }

  // Write NAME with CONTENT, its mtime well in the past.
  fs::path old_file(const std::string& name, const std::string& content)
  {
    write(file(name), content);
    fs::last_write_time(file(name), fs::file_time_type::clock::now() - 1min);
    return file(name);
  }

  // Record PATH with its current stamp and content in a fresh index, save
  // it, and date the save after every change so far.
  void index_files(const std::vector<fs::path>& paths)
  {
    StatIndex index(index_file());
    for (const auto& path : paths) {
      index.record(
          path, stamp_of(path), content_id(slam::util::read_file(path)));
    }
    index.save();
    settle_index();
  }

  // Date the index after everything written so far by more than the
  // timestamp granularity, as if it had been saved a while later.
  void settle_index()
  {
    fs::last_write_time(index_file(), fs::file_time_type::clock::now() + 1min);
  }

  std::optional<ContentId> find(const fs::path& path)
  {
    StatIndex index(index_file());
    return index.find(path, stamp_of(path));
  }

private:
  TempFolder m_temp;
};

} // namespace

TEST_F(StatIndexTest, knows_a_file_whose_stamp_still_matches)
{
  auto path = old_file("app.py", "print('hi')\n");
  index_files({path});

  EXPECT_EQ(find(path), content_id("print('hi')\n"));
}

TEST_F(StatIndexTest, sees_a_rewrite_of_the_same_size_with_the_mtime_restored)
{
  auto path = old_file("app.py", "version = 1\n");
  auto mtime = fs::last_write_time(path);
  index_files({path});
  ASSERT_TRUE(find(path));
  // Past the coarse clock's tick, so that the ctime moves.
  std::this_thread::sleep_for(30ms);

  write(path, "version = 2\n");
  fs::last_write_time(path, mtime);

  EXPECT_EQ(find(path), std::nullopt);
}

TEST_F(StatIndexTest, does_not_trust_a_file_changed_just_before_the_save)
{
  // Written within the granularity of the index's save: another change
  // in the same tick could keep its stamp.
  auto path = file("app.py");
  write(path, "x = 1\n");
  StatIndex index(index_file());
  index.record(path, stamp_of(path), content_id("x = 1\n"));
  index.save();

  EXPECT_EQ(find(path), std::nullopt);
  settle_index();
  EXPECT_EQ(find(path), content_id("x = 1\n"));
}

TEST_F(StatIndexTest, forgets_a_deleted_file)
{
  auto path = old_file("app.py", "x = 1\n");
  index_files({path});
  fs::remove(path);

  EXPECT_EQ(find(path), std::nullopt);
}

TEST_F(StatIndexTest, sees_a_file_renamed_over_another)
{
  auto first = old_file("first.py", "a = 1\n");
  auto second = old_file("second.py", "b = 2\n");
  index_files({first, second});

  fs::rename(second, first);

  EXPECT_EQ(find(first), std::nullopt);
  EXPECT_EQ(find(second), std::nullopt);
}

TEST_F(StatIndexTest, save_keeps_only_the_files_this_build_used)
{
  auto kept = old_file("kept.py", "a = 1\n");
  auto dropped = old_file("dropped.py", "b = 2\n");
  index_files({kept, dropped});
  {
    StatIndex index(index_file());
    ASSERT_TRUE(index.find(kept, stamp_of(kept)));
    index.save();
  }
  settle_index();

  EXPECT_TRUE(find(kept));
  EXPECT_EQ(find(dropped), std::nullopt);
}

TEST_F(StatIndexTest, a_damaged_index_is_empty)
{
  auto path = old_file("app.py", "x = 1\n");
  index_files({path});
  auto text = slam::util::read_file(index_file());
  write(index_file(), text.substr(0, text.size() - 3));
  settle_index();

  EXPECT_EQ(find(path), std::nullopt);
}

TEST_F(StatIndexTest, an_indexed_file_is_taken_from_the_cache_unread)
{
  // The index claims other content for the file: the entry made for that
  // content proves the file was not read.
  auto path = old_file("app.py", "real = 1\n");
  auto claimed = content_id("claimed = 2\n");
  EntryCache cache(file("entries"));
  cache.store(claimed, compress_entry("x", "claimed = 2\n", false));
  {
    StatIndex index(index_file());
    index.record(path, stamp_of(path), claimed);
    index.save();
  }
  settle_index();
  StatIndex index(index_file());

  auto made = make_indexed_entry({"app.py", false, path, {}}, cache, index);

  EXPECT_FALSE(made.compressed);
  EXPECT_EQ(made.entry, compress_entry("app.py", "claimed = 2\n", false));
}

TEST_F(StatIndexTest, a_changed_file_is_read_compressed_and_recorded)
{
  auto path = old_file("app.py", "x = 1\n");
  index_files({path});
  write(path, "x = 22\n");
  EntryCache cache(file("entries"));
  StatIndex index(index_file());

  auto made = make_indexed_entry({"app.py", false, path, {}}, cache, index);
  index.save();
  settle_index();

  EXPECT_TRUE(made.compressed);
  EXPECT_EQ(made.entry, compress_entry("app.py", "x = 22\n", false));
  EXPECT_EQ(find(path), content_id("x = 22\n"));
}

// The native-file check takes "starts with the ELF magic" from the index
// for an unchanged file instead of opening it.
TEST_F(StatIndexTest, keeps_whether_a_file_starts_with_the_elf_magic)
{
  auto elf = old_file("tool", std::string(k_elf_magic) + "rest");
  auto text = old_file("app.py", "x = 1\n");
  index_files({elf, text});

  ASSERT_TRUE(find(elf));
  EXPECT_TRUE(find(elf)->elf);
  EXPECT_FALSE(find(text)->elf);
}

TEST_F(StatIndexTest, an_indexed_file_is_known_as_elf_unread)
{
  // The index claims ELF content for a text file: the answer proves the
  // file was not read for it.
  auto path = old_file("tool", "not elf\n");
  auto claimed = content_id(std::string(k_elf_magic) + "claimed");
  EntryCache cache(file("entries"));
  cache.store(claimed,
              compress_entry("x", std::string(k_elf_magic) + "claimed", false));
  {
    StatIndex index(index_file());
    index.record(path, stamp_of(path), claimed);
    index.save();
  }
  settle_index();
  StatIndex index(index_file());

  auto made = make_indexed_entry({"tool", false, path, {}}, cache, index);

  EXPECT_FALSE(made.compressed);
  EXPECT_TRUE(made.id.elf);
}

// An index written before records had flags cannot tell ELF files apart:
// it is ignored, not misread.
TEST_F(StatIndexTest, an_index_of_the_previous_format_is_empty)
{
  auto path = old_file("app.py", "x = 1\n");
  index_files({path});
  auto text = slam::util::read_file(index_file());
  ASSERT_TRUE(text.starts_with("SLAMSI2\n"));
  text.replace(0, 8, "SLAMSI1\n");
  write(index_file(), text.substr(0, text.size() - 1));
  settle_index();

  EXPECT_EQ(find(path), std::nullopt);
}

// A damaged ELF flag would let a wrong-machine binary pass the native
// check: the index's CRC-32 catches any damaged byte.
TEST_F(StatIndexTest, an_index_with_any_byte_changed_is_empty)
{
  auto path = old_file("tool", std::string(k_elf_magic) + "rest");
  index_files({path});
  auto text = slam::util::read_file(index_file());
  ASSERT_TRUE(find(path));
  // The flag byte: after the magic, the path's length and path, the
  // stamp, the digest, the size and the CRC-32.
  auto flag = 8 + 4 + path.native().size() + 40 + 32 + 8 + 4;
  ASSERT_EQ(text.size(), flag + 1 + 4);

  text[flag] = 0;
  write(index_file(), text);
  settle_index();

  EXPECT_EQ(find(path), std::nullopt);
}
