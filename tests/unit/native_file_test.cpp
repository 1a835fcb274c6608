#include "elf_fixture.hpp"
#include "slam/package/native_file.hpp"

#include <gtest/gtest.h>
#include <string>

using slam::package::glibc_version_of;
using slam::package::GlibcVersion;
using slam::package::MalformedNativeFile;
using slam::package::NativeFile;
using slam::package::NativeFormat;
using slam::package::read_native_file;
using slam::test::elf_bytes;
using slam::test::put_le;

namespace {

// Return the message read_native_file throws for BYTES, or "" when none.
std::string read_error(const std::string& bytes)
{
  try {
    read_native_file(bytes);
  } catch (const MalformedNativeFile& error) {
    return error.what();
  }
  return "";
}

void expect_format(std::string_view magic, NativeFormat format)
{
  std::string bytes(magic);
  bytes.resize(64, '\0');
  EXPECT_EQ(read_native_file(bytes).format, format) << magic.size();
}

} // namespace

// The fixture's header and version needs read back as written.
TEST(NativeFile, reads_machine_and_newest_glibc)
{
  auto file = read_native_file(
      elf_bytes({183, {"GLIBC_2.17", "GLIBC_2.3.4", "GLIBC_2.28"}}));
  EXPECT_EQ(file.format, NativeFormat::elf);
  EXPECT_TRUE(file.is_64_bit);
  EXPECT_TRUE(file.is_little_endian);
  EXPECT_EQ(file.machine, 183);
  EXPECT_EQ(file.newest_glibc, (GlibcVersion{2, 28}));
}

// A library with no version needs (or only non-glibc ones) needs no glibc.
TEST(NativeFile, no_glibc_without_glibc_needs)
{
  EXPECT_EQ(read_native_file(elf_bytes({62, {}})).newest_glibc, std::nullopt);
  EXPECT_EQ(read_native_file(elf_bytes({62, {"GCC_3.0", "GLIBC_PRIVATE"}}))
                .newest_glibc,
            std::nullopt);
}

// Version names: numbers compare as numbers, the DT_RELR marker is 2.36.
TEST(NativeFile, glibc_version_names)
{
  EXPECT_EQ(glibc_version_of("GLIBC_2.3.4"), (GlibcVersion{2, 3, 4}));
  EXPECT_LT(*glibc_version_of("GLIBC_2.9"), *glibc_version_of("GLIBC_2.17"));
  EXPECT_EQ(glibc_version_of("GLIBC_ABI_DT_RELR"), (GlibcVersion{2, 36}));
  EXPECT_EQ(glibc_version_of("GLIBC_"), std::nullopt);
  EXPECT_EQ(glibc_version_of("GLIBC_2"), std::nullopt);
  EXPECT_EQ(glibc_version_of("GLIBCXX_3.4.30"), std::nullopt);
  EXPECT_EQ((GlibcVersion{2, 3, 4}).text(), "2.3.4");
  EXPECT_EQ((GlibcVersion{2, 34}).text(), "2.34");
}

// Mach-O (thin, both byte orders, and fat) and PE are told apart.
TEST(NativeFile, recognises_mach_o_and_pe)
{
  expect_format({"\xcf\xfa\xed\xfe", 4}, NativeFormat::mach_o);
  expect_format({"\xfe\xed\xfa\xcf", 4}, NativeFormat::mach_o);
  expect_format({"\xce\xfa\xed\xfe", 4}, NativeFormat::mach_o);
  expect_format({"\xca\xfe\xba\xbe", 4}, NativeFormat::mach_o);
  expect_format({"\xca\xfe\xba\xbf", 4}, NativeFormat::mach_o);
  expect_format("MZ", NativeFormat::pe);
}

// 32-bit and big-endian ELF headers are reported, not parsed further.
TEST(NativeFile, reads_class_and_byte_order)
{
  auto bytes = elf_bytes({62, {"GLIBC_2.17"}});
  bytes[4] = 1; // ELFCLASS32
  bytes[5] = 2; // big-endian
  bytes[18] = 0;
  bytes[19] = 3; // i386, big-endian
  auto file = read_native_file(bytes);
  EXPECT_FALSE(file.is_64_bit);
  EXPECT_FALSE(file.is_little_endian);
  EXPECT_EQ(file.machine, 3);
  EXPECT_EQ(file.newest_glibc, std::nullopt);
}

// Garbage and empty files are no native files.
TEST(NativeFile, refuses_garbage)
{
  EXPECT_EQ(read_error(""), "it is not an ELF, Mach-O or PE file");
  EXPECT_EQ(read_error("#!/bin/sh\necho hi\n"),
            "it is not an ELF, Mach-O or PE file");
}

// Every truncation of a valid library is refused, never read past.
TEST(NativeFile, refuses_every_truncation)
{
  auto bytes = elf_bytes({62, {"GLIBC_2.17", "GLIBC_2.28"}});
  for (std::size_t size = 4; size < bytes.size(); ++size) {
    EXPECT_NE(read_error(bytes.substr(0, size)), "") << size;
  }
  EXPECT_EQ(read_error(bytes.substr(0, 10)),
            "its ELF header lies past its end");
}

// Offsets and counts pointing outside the file are refused.
TEST(NativeFile, refuses_bad_offsets)
{
  auto base = elf_bytes({62, {"GLIBC_2.17"}});
  auto table = base.size() - 3 * 64;

  auto bytes = base;
  put_le(bytes, slam::test::k_elf_section_offset_field, ~0ull, 8);
  EXPECT_EQ(read_error(bytes), "its section header table lies past its end");
  put_le(bytes, slam::test::k_elf_section_count_field, 0, 2); // extended
  EXPECT_EQ(read_error(bytes), "a section header lies past its end");

  bytes = base;
  put_le(bytes, slam::test::k_elf_section_count_field, 0xfff0, 2);
  EXPECT_EQ(read_error(bytes), "its section header table lies past its end");

  bytes = base;
  put_le(bytes, table + 2 * 64 + 24, ~0ull - 4, 8); // verneed sh_offset
  EXPECT_EQ(read_error(bytes), "its .gnu.version_r section lies past its end");

  bytes = base;
  put_le(bytes, table + 2 * 64 + 40, 9, 4); // verneed sh_link
  EXPECT_EQ(read_error(bytes),
            "its .gnu.version_r section names no string table");

  bytes = base;
  put_le(bytes, table + 64 + 32, 3, 8); // .dynstr cut before the name
  EXPECT_EQ(read_error(bytes), "a version name lies outside its string table");

  bytes = base;
  put_le(bytes, 58, 40, 2); // e_shentsize
  EXPECT_EQ(read_error(bytes), "its section headers are 40 bytes, not 64");
}

// Version need chains that leave their section are refused.
TEST(NativeFile, refuses_bad_version_chains)
{
  auto base = elf_bytes({62, {"GLIBC_2.17", "GLIBC_2.28"}});
  auto table = base.size() - 3 * 64;
  std::uint64_t needs = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    needs |=
        std::uint64_t(static_cast<unsigned char>(base[table + 2 * 64 + 24 + i]))
        << (8 * i);
  }

  auto bytes = base;
  put_le(bytes, needs + 8, 0xfffffff0, 4); // vn_aux far away
  EXPECT_EQ(read_error(bytes), "its .gnu.version_r section is malformed");

  bytes = base;
  put_le(bytes, needs + 2, 0xffff, 2); // vn_cnt larger than the chain
  put_le(bytes, needs + 16 + 16 + 12, 0xfffffff0, 4); // a far vna_next
  EXPECT_EQ(read_error(bytes), "its .gnu.version_r section is malformed");

  bytes = base;
  put_le(bytes, table + 2 * 64 + 44, 0xffffffff, 4); // sh_info
  put_le(bytes, needs + 12, 48, 4);                  // vn_next past the section
  EXPECT_EQ(read_error(bytes), "its .gnu.version_r section is malformed");
}
