#include "package_test_support.hpp"
#include "slam/package/zip_writer.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <random>
#include <string>
#include <vector>

using nlohmann::json;
using slam::package::assemble_zip;
using slam::package::compress_entry;
using slam::package::CompressedEntry;

namespace {

std::string all_byte_values()
{
  std::string bytes;
  for (int i = 0; i < 256; ++i) {
    bytes += static_cast<char>(i);
  }
  return bytes;
}

std::string random_bytes(std::size_t count)
{
  std::mt19937 generator(7);
  std::string bytes(count, '\0');
  for (auto& byte : bytes) {
    byte = static_cast<char>(generator() & 0xff);
  }
  return bytes;
}

std::string hex(const std::string& bytes)
{
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string text;
  for (unsigned char byte : bytes) {
    text += k_digits[byte >> 4];
    text += k_digits[byte & 0xf];
  }
  return text;
}

json expected_entry(const std::string& name,
                    const std::string& content,
                    const std::string& mode,
                    int method,
                    bool utf8 = false)
{
  return {{"name", name},
          {"mode", mode},
          {"date_time", {1980, 1, 1, 0, 0, 0}},
          {"method", method},
          {"utf8", utf8},
          {"system", 3},
          {"size", content.size()},
          {"content_hex", hex(content)}};
}

std::vector<CompressedEntry> sample_entries()
{
  std::vector<CompressedEntry> entries;
  entries.push_back(compress_entry("pkg/data.bin", all_byte_values(), false));
  entries.push_back(compress_entry("app.py", std::string(500, 'x'), false));
  entries.push_back(compress_entry("bin/run", "#!/bin/sh\n", true));
  entries.push_back(compress_entry("pkg/__init__.py", "", false));
  return entries;
}

std::string write_archive(const slam::test::TempDir& dir,
                          std::vector<CompressedEntry> entries)
{
  auto path = dir.path() / "out.zip";
  slam::util::write_file_atomic(path, assemble_zip(std::move(entries)));
  return path.string();
}

} // namespace

// Python's zipfile sees every entry, sorted, with fixed time, Unix modes
// and the original bytes.
TEST(ZipWriter, python_reads_sorted_entries_with_fixed_metadata)
{
  slam::test::TempDir dir;
  auto path = write_archive(dir, sample_entries());

  json expected = {
      {"testzip", nullptr},
      {"entries",
       {expected_entry("app.py", std::string(500, 'x'), "0o100644", 8),
        expected_entry("bin/run", "#!/bin/sh\n", "0o100755", 0),
        expected_entry("pkg/__init__.py", "", "0o100644", 0),
        expected_entry("pkg/data.bin", all_byte_values(), "0o100644", 0)}}};
  EXPECT_EQ(slam::test::read_zip_with_python(path), expected);
}

TEST(ZipWriter, unzip_tests_the_archive_without_errors)
{
  slam::test::TempDir dir;
  auto path = write_archive(dir, sample_entries());

  auto [exit_code, output] = slam::test::test_zip_with_unzip(path);

  EXPECT_EQ(exit_code, 0) << output;
  EXPECT_NE(output.find("No errors detected"), std::string::npos) << output;
}

// Names outside ASCII are UTF-8 with flag bit 11, so readers decode them.
TEST(ZipWriter, non_ascii_names_carry_the_utf8_flag)
{
  slam::test::TempDir dir;
  std::vector<CompressedEntry> entries;
  entries.push_back(compress_entry("données/café.txt", "crème", false));
  entries.push_back(compress_entry("plain.txt", "plain", false));
  auto path = write_archive(dir, std::move(entries));

  json expected = {
      {"testzip", nullptr},
      {"entries",
       {expected_entry("données/café.txt", "crème", "0o100644", 0, true),
        expected_entry("plain.txt", "plain", "0o100644", 0)}}};
  EXPECT_EQ(slam::test::read_zip_with_python(path), expected);
  EXPECT_EQ(slam::test::test_zip_with_unzip(path).first, 0);
}

// Incompressible data is stored, and a large deflated file round-trips.
TEST(ZipWriter, stored_and_deflated_large_entries_read_back)
{
  slam::test::TempDir dir;
  auto noise = random_bytes(300000);
  std::string text;
  for (int i = 0; i < 20000; ++i) {
    text += "line " + std::to_string(i) + "\n";
  }
  std::vector<CompressedEntry> entries;
  entries.push_back(compress_entry("noise.bin", noise, false));
  entries.push_back(compress_entry("text.txt", text, false));
  auto path = write_archive(dir, std::move(entries));

  json expected = {{"testzip", nullptr},
                   {"entries",
                    {expected_entry("noise.bin", noise, "0o100644", 0),
                     expected_entry("text.txt", text, "0o100644", 8)}}};
  EXPECT_EQ(slam::test::read_zip_with_python(path), expected);
  EXPECT_EQ(slam::test::test_zip_with_unzip(path).first, 0);
}

TEST(ZipWriter, empty_archive_is_valid)
{
  slam::test::TempDir dir;
  auto path = write_archive(dir, {});

  json expected = {{"testzip", nullptr}, {"entries", json::array()}};
  EXPECT_EQ(slam::test::read_zip_with_python(path), expected);
}

// The input order does not matter: the bytes depend on the entries only.
TEST(ZipWriter, archive_bytes_do_not_depend_on_entry_order)
{
  auto entries = sample_entries();
  auto reversed = entries;
  std::reverse(reversed.begin(), reversed.end());

  EXPECT_EQ(assemble_zip(entries), assemble_zip(reversed));
}

TEST(ZipWriter, refuses_a_name_used_twice)
{
  std::vector<CompressedEntry> entries;
  entries.push_back(compress_entry("a.py", "1", false));
  entries.push_back(compress_entry("a.py", "2", false));

  EXPECT_THROW(assemble_zip(entries), slam::Error);
}

TEST(ZipWriter, refuses_a_name_that_is_also_a_folder)
{
  std::vector<CompressedEntry> entries;
  entries.push_back(compress_entry("pkg", "file", false));
  entries.push_back(compress_entry("pkg-x", "file", false));
  entries.push_back(compress_entry("pkg/mod.py", "", false));

  try {
    assemble_zip(entries);
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_STREQ(error.what(),
                 "'pkg' is both a file and the folder of 'pkg/mod.py' in the "
                 "zip archive");
  }
}

TEST(ZipWriter, refuses_names_that_are_not_relative_file_paths)
{
  for (std::string name :
       {"", "/etc/passwd", "a/../b", "../a", "a//b", "a/", "./a"}) {
    std::vector<CompressedEntry> entries;
    entries.push_back(compress_entry(name, "x", false));
    EXPECT_THROW(assemble_zip(entries), slam::Error) << name;
  }
}

// The UTF-8 flag promises valid UTF-8; Python raises on anything else.
TEST(ZipWriter, refuses_a_name_that_is_not_utf8)
{
  std::vector<CompressedEntry> entries;
  entries.push_back(compress_entry("ok.txt", "x", false));
  entries.push_back(compress_entry("dir/bad\xff.txt", "x", false));

  try {
    assemble_zip(entries);
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "cannot put 'dir/bad\\xff.txt' in a zip archive: the name "
              "is not valid UTF-8");
  }
}

// A build hashes and writes the archive piece by piece: the file and the
// hash must be those of assemble_zip()'s bytes, and readers must agree.
TEST(ZipWriter, pieces_written_and_hashed_are_the_assembled_archive)
{
  slam::test::TempDir dir;
  auto assembled = assemble_zip(sample_entries());
  slam::package::ZipArchive archive(sample_entries());
  auto path = dir.path() / "pieces.zip";

  slam::util::write_file_atomic(path, archive.pieces());

  EXPECT_EQ(archive.size(), assembled.size());
  EXPECT_EQ(archive.bytes(), assembled);
  EXPECT_EQ(slam::util::read_file(path), assembled);
  EXPECT_EQ(slam::util::sha256_hex(archive.pieces()),
            slam::util::sha256_hex(assembled));
  EXPECT_EQ(slam::test::read_zip_with_python(path)["testzip"], nullptr);
  EXPECT_EQ(slam::test::test_zip_with_unzip(path).first, 0);
}

// A rebuild lays out only the end of an archive whose first entries the
// file holds: its pieces must be the whole archive's bytes from there.
TEST(ZipWriter, an_archive_after_kept_entries_is_the_end_of_the_whole)
{
  auto sorted = slam::package::sorted_by_name(sample_entries());
  slam::package::ZipArchive whole(sorted);
  for (std::size_t kept = 0; kept <= sorted.size(); ++kept) {
    std::vector<slam::package::ZipEntryHeader> headers;
    for (std::size_t i = 0; i < kept; ++i) {
      headers.push_back(slam::package::header_of(sorted[i]));
    }
    std::vector<slam::package::CompressedEntry> rest(sorted.begin() + kept,
                                                     sorted.end());

    slam::package::ZipArchive end(headers, rest);

    auto start =
        kept < sorted.size() ? whole.offsets()[kept] : whole.directory_offset();
    EXPECT_EQ(end.start(), start) << kept;
    EXPECT_EQ(end.size(), whole.size()) << kept;
    EXPECT_EQ(end.bytes(), whole.bytes().substr(start)) << kept;
    EXPECT_EQ(end.headers(), whole.headers()) << kept;
    EXPECT_EQ(end.offsets(), whole.offsets()) << kept;
  }
}
