#include "slam/local/zip_reader.hpp"
#include "slam/package/zip_entry.hpp"
#include "slam/package/zip_writer.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

using slam::local::read_zip_directory;
using slam::local::read_zip_member;
using slam::package::assemble_zip;
using slam::package::compress_entry;

namespace {

// Return a zip of a deflated text, a stored one and an executable.
std::string sample_zip()
{
  std::string text(4000, 'a');
  return assemble_zip({compress_entry("app.py", text, false),
                       compress_entry("pkg/data.bin", "xyz", false),
                       compress_entry("bin/tool", "#!/bin/sh\n", true)});
}

// Return the contents of every member of ARCHIVE, in order.
std::vector<std::pair<std::string, std::string>> unzip(const std::string& zip)
{
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& member : read_zip_directory(zip)) {
    files.emplace_back(member.name, read_zip_member(zip, member));
  }
  return files;
}

void put16(std::string& bytes, std::size_t at, std::uint16_t value)
{
  bytes[at] = static_cast<char>(value & 0xff);
  bytes[at + 1] = static_cast<char>(value >> 8);
}

std::size_t central_offset(const std::string& zip)
{
  return zip.find("PK\x01\x02");
}

void expect_malformed(const std::string& zip, const std::string& fragment)
{
  try {
    unzip(zip);
    FAIL() << "no error for " << fragment;
  } catch (const slam::Error& error) {
    EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos)
        << error.what();
  }
}

} // namespace

// What Slam's writer writes, the reader reads back whole, methods and
// modes included.
TEST(ZipReader, reads_back_what_the_writer_wrote)
{
  auto zip = sample_zip();
  auto members = read_zip_directory(zip);
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[0].name, "app.py");
  EXPECT_EQ(members[0].method, 8);
  EXPECT_FALSE(members[0].executable());
  EXPECT_EQ(members[1].name, "bin/tool");
  EXPECT_TRUE(members[1].executable());
  EXPECT_EQ(unzip(zip),
            (std::vector<std::pair<std::string, std::string>>{
                {"app.py", std::string(4000, 'a')},
                {"bin/tool", "#!/bin/sh\n"},
                {"pkg/data.bin", "xyz"}}));
}

// Past 65535 entries the writer uses Zip64 end records; they are read.
TEST(ZipReader, reads_zip64_end_records)
{
  std::vector<slam::package::CompressedEntry> entries;
  for (int i = 0; i < 65536; ++i) {
    entries.push_back(
        compress_entry("f" + std::to_string(i), std::to_string(i), false));
  }
  auto zip = assemble_zip(entries);
  auto members = read_zip_directory(zip);
  ASSERT_EQ(members.size(), 65536u);
  for (const auto& member : members) {
    if (member.name == "f65535") {
      EXPECT_EQ(read_zip_member(zip, member), "65535");
    }
  }
}

TEST(ZipReader, refuses_what_is_not_a_zip)
{
  expect_malformed("", "too short");
  expect_malformed(std::string(100, 'x'), "no end of central directory");
}

TEST(ZipReader, refuses_a_truncated_archive)
{
  auto zip = sample_zip();
  // The end record is there, but the directory it names is cut out.
  auto cut = zip.substr(0, central_offset(zip)) + zip.substr(zip.size() - 22);
  expect_malformed(cut, "past the end");
}

TEST(ZipReader, refuses_a_member_count_the_directory_cannot_hold)
{
  auto zip = sample_zip();
  auto end = zip.size() - 22;
  put16(zip, end + 8, 60000);
  put16(zip, end + 10, 60000);
  expect_malformed(zip, "more members");
}

TEST(ZipReader, refuses_damaged_data)
{
  auto zip = sample_zip();
  auto at = zip.find("xyz");
  ASSERT_NE(at, std::string::npos);
  zip[at] = 'X';
  expect_malformed(zip, "CRC-32 mismatch in 'pkg/data.bin'");
}

TEST(ZipReader, refuses_damaged_deflate_data)
{
  auto zip = sample_zip();
  // The deflated member's data starts after its 30-byte header and name.
  auto data = 30 + std::string("app.py").size();
  for (std::size_t i = 0; i < 8; ++i) {
    zip[data + i] = static_cast<char>(0xff);
  }
  expect_malformed(zip, "'app.py'");
}

TEST(ZipReader, names_an_unsupported_compression_method)
{
  auto zip = sample_zip();
  put16(zip, central_offset(zip) + 10, 12); // bzip2
  try {
    unzip(zip);
    FAIL();
  } catch (const slam::Error& error) {
    EXPECT_STREQ(error.what(),
                 "zip member 'app.py' uses compression method 12; only "
                 "stored (0) and deflated (8) are supported");
  }
}

TEST(ZipReader, refuses_encrypted_members)
{
  auto zip = sample_zip();
  put16(zip, central_offset(zip) + 8, 1);
  expect_malformed(zip, "'app.py' is encrypted");
}

TEST(ZipReader, refuses_a_header_offset_past_the_end)
{
  auto zip = sample_zip();
  auto at = central_offset(zip) + 42;
  put16(zip, at, 0xfff0);
  put16(zip, at + 2, 0x0fff);
  expect_malformed(zip, "past the end");
}

TEST(ZipReader, refuses_a_size_deflate_cannot_reach)
{
  auto zip = sample_zip();
  auto at = central_offset(zip) + 24; // uncompressed size
  put16(zip, at, 0xfff0);
  put16(zip, at + 2, 0x7fff);
  expect_malformed(zip, "impossible size");
}

TEST(ZipReader, refuses_a_stored_member_that_changes_size)
{
  auto zip = sample_zip();
  // The third member in the directory is pkg/data.bin, stored.
  auto at = zip.find("PK\x01\x02", zip.find("bin/tool", central_offset(zip)));
  put16(zip, at + 24, 4);
  expect_malformed(zip, "changes size");
}
