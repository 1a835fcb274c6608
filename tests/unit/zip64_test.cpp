#include "package_test_support.hpp"
#include "slam/package/zip_writer.hpp"
#include "slam/util/files.hpp"
#include "slam/util/process.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

using slam::package::assemble_zip;
using slam::package::compress_entry;
using slam::package::CompressedEntry;

namespace {

// Count the entries as Python's zipfile sees them, and check every one.
constexpr const char* k_count_and_test = R"(
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    print(len(archive.infolist()), archive.testzip())
)";

std::vector<CompressedEntry> tiny_entries(int count)
{
  std::vector<CompressedEntry> entries;
  entries.reserve(count);
  for (int i = 0; i < count; ++i) {
    auto name = "pkg" + std::to_string(i % 10) + "/f" + std::to_string(i);
    entries.push_back(compress_entry(name, std::to_string(i), false));
  }
  return entries;
}

std::uint16_t read16(const std::string& bytes, std::size_t at)
{
  return static_cast<std::uint16_t>(
      static_cast<unsigned char>(bytes[at]) |
      (static_cast<unsigned char>(bytes[at + 1]) << 8));
}

} // namespace

// Python's zipfile and unzip both read all 70,000 entries and find every
// one intact.
TEST(Zip64, more_than_65535_entries_are_readable)
{
  slam::test::TempDir dir;
  auto path = dir.path() / "many.zip";
  slam::util::write_file_atomic(path, assemble_zip(tiny_entries(70000)));

  auto python = slam::util::run_process(
      {"python3", "-c", k_count_and_test, path.string()});
  EXPECT_EQ(python.exit_code, 0) << python.err;
  EXPECT_EQ(python.out, "70000 None\n");
  auto [code, output] = slam::test::test_zip_with_unzip(path);
  EXPECT_EQ(code, 0) << output.substr(output.size() - 500);
  EXPECT_NE(output.find("No errors detected"), std::string::npos);
}

// The classic end record says "see Zip64" (0xffff entries), after the
// Zip64 record (56 bytes) and its locator (20 bytes).
TEST(Zip64, end_records_mark_the_count_for_zip64)
{
  auto archive = assemble_zip(tiny_entries(65535));

  auto end = archive.size() - 22;
  EXPECT_EQ(archive.substr(end, 4), std::string("PK\x05\x06"));
  EXPECT_EQ(read16(archive, end + 8), 0xffff);
  EXPECT_EQ(archive.substr(end - 20, 4), std::string("PK\x06\x07"));
  EXPECT_EQ(archive.substr(end - 76, 4), std::string("PK\x06\x06"));
}

// Small archives stay classic: no Zip64 record, no extra fields.
TEST(Zip64, small_archives_have_no_zip64_record)
{
  auto archive = assemble_zip(tiny_entries(65534));

  EXPECT_EQ(archive.find("PK\x06\x06"), std::string::npos);
  EXPECT_EQ(read16(archive, archive.size() - 22 + 8), 65534);
}

// An entry of 4 GiB or more gets its sizes in a Zip64 extra field, which
// zipfile reads (without the 4 GiB of content, so no testzip here).
TEST(Zip64, size_of_4_gib_goes_in_the_zip64_extra_field)
{
  slam::test::TempDir dir;
  auto entry = compress_entry("huge.bin", "", false);
  entry.size = 0x100000005;
  auto path = dir.path() / "huge.zip";
  slam::util::write_file_atomic(
      path, assemble_zip({entry, compress_entry("a.py", "1", false)}));

  auto python = slam::util::run_process(
      {"python3",
       "-c",
       "import sys, zipfile\n"
       "z = zipfile.ZipFile(sys.argv[1])\n"
       "print([(i.filename, i.file_size) for i in z.infolist()])\n"
       "print(z.read('a.py'))\n",
       path.string()});
  EXPECT_EQ(python.exit_code, 0) << python.err;
  EXPECT_EQ(python.out, "[('a.py', 1), ('huge.bin', 4294967301)]\nb'1'\n");
}
