#include "slam/package/zip_layout.hpp"

#include "slam/package/little_endian.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/log.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <functional>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

constexpr std::string_view k_magic = "SLAMZL1\n";
constexpr std::size_t k_digest_size = 32;
constexpr std::size_t k_hex_digest_size = 64;

void put_text(std::string& out, std::string_view text, std::size_t bytes)
{
  bytes == 2 ? put16(out, static_cast<std::uint16_t>(text.size()))
             : put32(out, static_cast<std::uint32_t>(text.size()));
  out += text;
}

// Each entry takes this many bytes besides its name.
constexpr std::size_t k_entry_fixed_size = 2 + 1 + 2 + 4 + 8 + 8 + 32;

void put_entry(std::string& out,
               const ZipEntryHeader& header,
               std::string_view content_sha256)
{
  put_text(out, header.name, 2);
  out += static_cast<char>(header.executable ? 1 : 0);
  put16(out, static_cast<std::uint16_t>(header.method));
  put32(out, header.crc32);
  put64(out, header.size);
  put64(out, header.stored_size);
  out += content_sha256;
}

// Return the layout of COUNT entries, each put by PUT_ENTRY(out, index).
std::string
encode_entries(std::string_view settings,
               const FileStamp& zip,
               std::string_view sha256,
               std::size_t count,
               const std::function<void(std::string&, std::size_t)>& put_entry,
               const std::vector<HashCheckpoint>& checkpoints)
{
  std::string out(k_magic);
  // Names average under 80 bytes: most layouts take one allocation.
  out.reserve(256 + count * (k_entry_fixed_size + 80));
  put_text(out, settings, 4);
  put_stamp(out, zip);
  out += sha256;
  put64(out, count);
  for (std::size_t i = 0; i < count; ++i) {
    put_entry(out, i);
  }
  put64(out, checkpoints.size());
  for (const auto& checkpoint : checkpoints) {
    put64(out, checkpoint.entry);
    put_text(out, checkpoint.state, 2);
  }
  seal_with_crc32(out);
  return out;
}

// Reads a layout, remembering whether it ran out of bytes.
class LayoutReader
{
public:
  explicit LayoutReader(std::string_view in) : m_in(in) {}

  bool ok() const { return m_ok; }
  bool at_end() const { return m_in.empty(); }
  std::size_t left() const { return m_in.size(); }

  std::uint64_t number(std::size_t bytes)
  {
    return has(bytes) ? take_uint(m_in, bytes) : 0;
  }

  std::string bytes(std::size_t count)
  {
    if (!has(count)) {
      return {};
    }
    std::string taken(m_in.substr(0, count));
    m_in.remove_prefix(count);
    return taken;
  }

  std::string text(std::size_t length_bytes)
  {
    return bytes(number(length_bytes));
  }

  FileStamp stamp()
  {
    return has(k_stamp_size) ? take_stamp(m_in) : FileStamp{};
  }

private:
  bool has(std::uint64_t count)
  {
    m_ok = m_ok && m_in.size() >= count;
    return m_ok;
  }

  std::string_view m_in;
  bool m_ok = true;
};

LayoutEntry take_entry(LayoutReader& in)
{
  LayoutEntry entry;
  auto& header = entry.header;
  header.name = in.text(2);
  header.executable = in.number(1) != 0;
  header.method = static_cast<ZipMethod>(in.number(2));
  header.crc32 = static_cast<std::uint32_t>(in.number(4));
  header.size = in.number(8);
  header.stored_size = in.number(8);
  entry.content_sha256 = in.bytes(k_digest_size);
  return entry;
}

} // namespace

std::string zip_layout_settings()
{
  return fmt::format("{}; entries: dependencies, then Slam's runtime, then "
                     "the project, by name within each",
                     compression_settings());
}

fs::path layout_path(const fs::path& zip)
{
  auto path = zip;
  path += ".layout";
  return path;
}

std::string encode_layout(const ZipLayout& layout)
{
  const auto& entries = layout.entries;
  return encode_entries(
      layout.settings,
      layout.zip,
      layout.sha256,
      entries.size(),
      [&](std::string& out, std::size_t i) {
        put_entry(out, entries[i].header, entries[i].content_sha256);
      },
      layout.checkpoints);
}

std::string encode_layout(const LayoutParts& parts)
{
  return encode_entries(
      zip_layout_settings(),
      FileStamp{},
      parts.sha256,
      parts.headers.size(),
      [&](std::string& out, std::size_t i) {
        put_entry(out, parts.headers[i], parts.contents[i]);
      },
      parts.checkpoints);
}

std::optional<ZipLayout> decode_layout(std::string_view bytes)
{
  if (!sealed_with_crc32(bytes, k_magic)) {
    return std::nullopt;
  }
  LayoutReader in(
      bytes.substr(k_magic.size(), bytes.size() - k_magic.size() - 4));
  ZipLayout layout;
  layout.settings = in.text(4);
  layout.zip = in.stamp();
  layout.sha256 = in.bytes(k_hex_digest_size);
  // Each entry takes at least this many bytes: a damaged count must not
  // reserve memory for more.
  auto count = in.number(8);
  layout.entries.reserve(
      std::min<std::uint64_t>(count, in.left() / k_entry_fixed_size));
  for (std::uint64_t i = 0; i < count && in.ok(); ++i) {
    layout.entries.push_back(take_entry(in));
  }
  count = in.number(8);
  for (std::uint64_t i = 0; i < count && in.ok(); ++i) {
    HashCheckpoint checkpoint;
    checkpoint.entry = in.number(8);
    checkpoint.state = in.text(2);
    bool ascending = layout.checkpoints.empty() ||
                     layout.checkpoints.back().entry < checkpoint.entry;
    if (!ascending || checkpoint.entry > layout.entries.size()) {
      return std::nullopt;
    }
    layout.checkpoints.push_back(std::move(checkpoint));
  }
  if (!in.ok() || !in.at_end()) {
    return std::nullopt;
  }
  return layout;
}

std::optional<ZipLayout> load_layout(const fs::path& path)
{
  std::string bytes;
  try {
    bytes = util::read_file(path);
  } catch (const Error&) {
    return std::nullopt; // missing: a first build
  }
  auto layout = decode_layout(bytes);
  if (!layout) {
    util::debugf("zip layout '{}' is damaged; writing the whole zip",
                 path.string());
    return std::nullopt;
  }
  if (layout->settings != zip_layout_settings()) {
    util::debugf("zip layout '{}' is of other settings; writing the whole "
                 "zip",
                 path.string());
    return std::nullopt;
  }
  return layout;
}

void save_layout(const fs::path& path, const ZipLayout& layout)
{
  save_layout_bytes(path, encode_layout(layout));
}

void set_layout_stamp(std::string& bytes, const FileStamp& stamp)
{
  std::string_view settings_size(bytes);
  settings_size.remove_prefix(k_magic.size());
  auto at = k_magic.size() + 4 + take_uint(settings_size, 4);
  std::string encoded;
  put_stamp(encoded, stamp);
  bytes.replace(at, encoded.size(), encoded);
  bytes.resize(bytes.size() - 4);
  seal_with_crc32(bytes);
}

void save_layout_bytes(const fs::path& path, const std::string& bytes)
{
  try {
    util::write_file_atomic(path, bytes);
  } catch (const Error& error) {
    util::debugf("cannot save the zip layout: {}", error.what());
  }
}

} // namespace slam::package
