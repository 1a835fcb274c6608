// A small zip reader kept apart from Slam's writer, to check its output
// the way unzip tools read it (APPNOTE 4.3: end record, central
// directory, local headers). Archives here are small: no Zip64.

#include "zip_reader.hpp"

#include <cstdlib>
#include <cstring>
#include <zlib.h>

namespace slam::fuzz {
namespace {

void require(bool condition)
{
  if (!condition) {
    std::abort();
  }
}

std::uint32_t read_le(std::string_view bytes, std::size_t at, int width)
{
  require(at + width <= bytes.size());
  std::uint32_t value = 0;
  for (int i = width - 1; i >= 0; --i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  }
  return value;
}

std::string inflate_raw(std::string_view data, std::size_t size)
{
  std::string out(size, '\0');
  z_stream stream{};
  require(inflateInit2(&stream, -MAX_WBITS) == Z_OK);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int status = inflate(&stream, Z_FINISH);
  inflateEnd(&stream);
  require(status == Z_STREAM_END && stream.total_out == size &&
          stream.avail_in == 0);
  return out;
}

std::string content_at(std::string_view archive,
                       std::size_t local,
                       const ReadEntry& entry,
                       std::uint32_t stored_size,
                       std::uint32_t size,
                       int method)
{
  require(read_le(archive, local, 4) == 0x04034b50);
  require(read_le(archive, local + 8, 2) == static_cast<unsigned>(method));
  require(read_le(archive, local + 18, 4) == stored_size);
  require(read_le(archive, local + 22, 4) == size);
  auto name_size = read_le(archive, local + 26, 2);
  auto extra_size = read_le(archive, local + 28, 2);
  require(archive.substr(local + 30, name_size) == entry.name);
  auto start = local + 30 + name_size + extra_size;
  require(start + stored_size <= archive.size());
  auto stored = archive.substr(start, stored_size);
  require(method == 0 || method == 8);
  if (method == 0) {
    require(stored_size == size);
    return std::string(stored);
  }
  return inflate_raw(stored, size);
}

} // namespace

std::vector<ReadEntry> read_zip(std::string_view archive)
{
  // No comment is written: the end record is the last 22 bytes.
  require(archive.size() >= 22);
  auto end = archive.size() - 22;
  require(read_le(archive, end, 4) == 0x06054b50);
  auto count = read_le(archive, end + 10, 2);
  auto directory_size = read_le(archive, end + 12, 4);
  auto at = std::size_t{read_le(archive, end + 16, 4)};
  require(at + directory_size == end);
  std::vector<ReadEntry> entries;
  for (std::uint32_t i = 0; i < count; ++i) {
    require(read_le(archive, at, 4) == 0x02014b50);
    int method = static_cast<int>(read_le(archive, at + 10, 2));
    auto crc = read_le(archive, at + 16, 4);
    auto stored_size = read_le(archive, at + 20, 4);
    auto size = read_le(archive, at + 24, 4);
    auto name_size = read_le(archive, at + 28, 2);
    auto extra_size = read_le(archive, at + 30, 2);
    auto comment_size = read_le(archive, at + 32, 2);
    ReadEntry entry;
    entry.unix_mode = read_le(archive, at + 38, 4) >> 16;
    auto local = read_le(archive, at + 42, 4);
    require(at + 46 + name_size <= archive.size());
    entry.name = std::string(archive.substr(at + 46, name_size));
    entry.content =
        content_at(archive, local, entry, stored_size, size, method);
    require(crc32(0,
                  reinterpret_cast<const Bytef*>(entry.content.data()),
                  static_cast<uInt>(entry.content.size())) == crc);
    entries.push_back(std::move(entry));
    at += 46 + name_size + extra_size + comment_size;
  }
  require(at == end);
  return entries;
}

} // namespace slam::fuzz
