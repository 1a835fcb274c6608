#include "slam/package/zip_entry.hpp"

#include <gtest/gtest.h>
#include <libdeflate.h>
#include <random>
#include <string>

using slam::package::compress_entry;
using slam::package::CompressedEntry;
using slam::package::ZipMethod;

namespace {

std::string random_bytes(std::size_t count)
{
  std::mt19937 generator(42);
  std::string bytes(count, '\0');
  for (auto& byte : bytes) {
    byte = static_cast<char>(generator() & 0xff);
  }
  return bytes;
}

std::string inflate(const std::string& deflated, std::size_t size)
{
  std::string content(size, '\0');
  auto* decompressor = libdeflate_alloc_decompressor();
  auto status = libdeflate_deflate_decompress(decompressor,
                                              deflated.data(),
                                              deflated.size(),
                                              content.data(),
                                              content.size(),
                                              nullptr);
  libdeflate_free_decompressor(decompressor);
  EXPECT_EQ(status, LIBDEFLATE_SUCCESS);
  return content;
}

} // namespace

// "123456789" is the standard check input of CRC-32.
TEST(ZipEntry, crc32_matches_the_standard_check_value)
{
  EXPECT_EQ(slam::package::crc32("123456789"), 0xcbf43926u);
  EXPECT_EQ(slam::package::crc32(""), 0u);
}

// Text shrinks, so it is deflated, and inflating gives it back.
TEST(ZipEntry, compressible_content_is_deflated)
{
  std::string content;
  for (int i = 0; i < 200; ++i) {
    content += "def handler(event, context):\n    return event\n";
  }

  auto entry = compress_entry("app.py", content, false);

  EXPECT_EQ(entry.name, "app.py");
  EXPECT_FALSE(entry.executable);
  EXPECT_EQ(entry.method, ZipMethod::deflated);
  EXPECT_EQ(entry.size, content.size());
  EXPECT_EQ(entry.crc32, slam::package::crc32(content));
  EXPECT_LT(entry.data.size(), content.size() / 10);
  EXPECT_EQ(inflate(entry.data, content.size()), content);
}

// Random bytes do not shrink, so they are stored as they are.
TEST(ZipEntry, incompressible_content_is_stored)
{
  auto content = random_bytes(4096);

  auto entry = compress_entry("blob.bin", content, true);

  CompressedEntry expected{"blob.bin",
                           true,
                           ZipMethod::stored,
                           slam::package::crc32(content),
                           content.size(),
                           content};
  EXPECT_EQ(entry, expected);
}

TEST(ZipEntry, empty_content_is_stored_empty)
{
  auto entry = compress_entry("__init__.py", "", false);

  CompressedEntry expected{"__init__.py", false, ZipMethod::stored, 0, 0, ""};
  EXPECT_EQ(entry, expected);
}

// Reproducible packages need the same bytes for the same content.
TEST(ZipEntry, same_content_gives_same_entry)
{
  auto content = std::string(10000, 'a') + random_bytes(100);

  EXPECT_EQ(compress_entry("a", content, false),
            compress_entry("a", content, false));
}

// Deflating gzip data again saves next to nothing for most of the time of
// a build: even a gzip stream that would shrink is stored.
TEST(ZipEntry, content_in_a_compressed_format_is_stored)
{
  auto shrinkable = std::string("\x1f\x8b\x08\x00", 4) + std::string(4000, 'a');

  auto entry = compress_entry("data.json.gz", shrinkable, false);

  CompressedEntry expected{"data.json.gz",
                           false,
                           ZipMethod::stored,
                           slam::package::crc32(shrinkable),
                           shrinkable.size(),
                           shrinkable};
  EXPECT_EQ(entry, expected);
  EXPECT_EQ(
      compress_entry("pkg.whl", "PK\x03\x04" + std::string(4000, 'a'), false)
          .method,
      ZipMethod::stored);
}

TEST(ZipEntry, text_like_a_magic_number_but_not_one_is_deflated)
{
  auto content = "PK" + std::string(4000, 'a');

  EXPECT_EQ(compress_entry("notes.txt", content, false).method,
            ZipMethod::deflated);
}
