#include "slam/package/build_snapshot.hpp"

#include "slam/package/little_endian.hpp"
#include "slam/package/zip_entry.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/core.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

constexpr std::string_view k_magic = "SLAMBS1\n";

void put_text(std::string& out, std::string_view text, std::size_t bytes)
{
  bytes == 2 ? put16(out, static_cast<std::uint16_t>(text.size()))
             : put32(out, static_cast<std::uint32_t>(text.size()));
  out += text;
}

// Writes paths front-coded against the previous one.
class PathWriter
{
public:
  void put(std::string& out, std::string_view path)
  {
    std::size_t shared = 0;
    auto limit = std::min({path.size(), m_previous.size(), std::size_t{65535}});
    while (shared < limit && path[shared] == m_previous[shared]) {
      ++shared;
    }
    put16(out, static_cast<std::uint16_t>(shared));
    put_text(out, path.substr(shared), 2);
    m_previous.assign(path);
  }

private:
  std::string m_previous;
};

// Reads a snapshot, remembering whether it ran out of bytes.
class SnapshotReader
{
public:
  explicit SnapshotReader(std::string_view in) : m_in(in) {}

  bool ok() const { return m_ok; }
  bool at_end() const { return m_in.empty(); }

  std::uint64_t number(std::size_t bytes)
  {
    return has(bytes) ? take_uint(m_in, bytes) : 0;
  }

  std::string text(std::size_t length_bytes)
  {
    auto count = number(length_bytes);
    if (!has(count)) {
      return {};
    }
    std::string taken(m_in.substr(0, count));
    m_in.remove_prefix(count);
    return taken;
  }

  // Return the next front-coded path.
  const std::string& path()
  {
    auto shared = number(2);
    if (shared > m_previous.size()) {
      m_ok = false;
      shared = 0;
    }
    m_previous.resize(shared);
    m_previous += text(2);
    return m_previous;
  }

  void restart_paths() { m_previous.clear(); }

  FileStamp stamp()
  {
    return has(k_stamp_size) ? take_stamp(m_in) : FileStamp{};
  }

  // Return a count of items of at least MIN_SIZE bytes each, 0 when the
  // rest cannot hold that many.
  std::size_t count(std::size_t bytes, std::size_t min_size)
  {
    auto value = number(bytes);
    return has(value * min_size) ? value : 0;
  }

private:
  bool has(std::uint64_t count)
  {
    m_ok = m_ok && m_in.size() >= count;
    return m_ok;
  }

  std::string_view m_in;
  std::string m_previous;
  bool m_ok = true;
};

void put_sources(std::string& out, const std::vector<SnapshotSource>& sources)
{
  put64(out, sources.size());
  PathWriter paths;
  for (const auto& source : sources) {
    out += static_cast<char>(source.part);
    out += static_cast<char>((source.unsettled ? 1 : 0) | (source.elf ? 2 : 0));
    paths.put(out, source.file);
    put_stamp(out, source.stamp);
  }
}

std::vector<SnapshotSource> take_sources(SnapshotReader& in)
{
  std::vector<SnapshotSource> sources(in.count(8, 2 + 4 + k_stamp_size));
  in.restart_paths();
  for (auto& source : sources) {
    source.part = static_cast<PackagePart>(in.number(1));
    auto flags = in.number(1);
    source.unsettled = (flags & 1) != 0;
    source.elf = (flags & 2) != 0;
    source.file = in.path();
    source.stamp = in.stamp();
  }
  return sources;
}

void put_inputs(std::string& out, const BuildSnapshot& snapshot)
{
  put32(out, static_cast<std::uint32_t>(snapshot.exact.size()));
  PathWriter paths;
  for (const auto& input : snapshot.exact) {
    paths.put(out, input.path);
    put_stamp(out, input.stamp);
  }
  put32(out, static_cast<std::uint32_t>(snapshot.folders.size()));
  PathWriter folder_paths;
  for (const auto& [folder, unsettled] : snapshot.folders) {
    folder_paths.put(out, folder.path);
    put_stamp(out, folder.stamp);
    out += static_cast<char>(unsettled ? 1 : 0);
    put_text(out, folder.names, 2);
  }
}

void take_inputs(SnapshotReader& in, BuildSnapshot& snapshot)
{
  snapshot.exact.resize(in.count(4, 4 + k_stamp_size));
  in.restart_paths();
  for (auto& input : snapshot.exact) {
    input.path = in.path();
    input.stamp = in.stamp();
  }
  snapshot.folders.resize(in.count(4, 4 + k_stamp_size + 3));
  in.restart_paths();
  for (auto& [folder, unsettled] : snapshot.folders) {
    folder.path = in.path();
    folder.stamp = in.stamp();
    unsettled = in.number(1) != 0;
    folder.names = in.text(2);
  }
}

// Return whether the parts and their starts of SNAPSHOT make sense.
bool consistent(const BuildSnapshot& snapshot)
{
  for (const auto& source : snapshot.sources) {
    if (source.part > PackagePart::project) {
      return false;
    }
  }
  std::size_t previous = 0;
  for (auto start : snapshot.part_starts) {
    if (start < previous || start > snapshot.sources.size()) {
      return false;
    }
    previous = start;
  }
  return true;
}

} // namespace

fs::path snapshot_path(const fs::path& zip)
{
  auto path = zip;
  path += ".snapshot";
  return path;
}

std::string encode_snapshot(const BuildSnapshot& snapshot)
{
  std::string out(k_magic);
  put_text(out, snapshot.key, 2);
  out += static_cast<char>(snapshot.dependencies_reused
                               ? (*snapshot.dependencies_reused ? 1 : 0)
                               : 2);
  put32(out, static_cast<std::uint32_t>(snapshot.messages.size()));
  for (const auto& message : snapshot.messages) {
    out += static_cast<char>(message.warning ? 1 : 0);
    put_text(out, message.text, 4);
  }
  put_inputs(out, snapshot);
  put_sources(out, snapshot.sources);
  put32(out, static_cast<std::uint32_t>(snapshot.part_starts.size()));
  for (auto start : snapshot.part_starts) {
    put64(out, start);
  }
  seal_with_crc32(out);
  return out;
}

std::optional<BuildSnapshot> decode_snapshot(std::string_view bytes)
{
  if (!sealed_with_crc32(bytes, k_magic)) {
    return std::nullopt;
  }
  SnapshotReader in(
      bytes.substr(k_magic.size(), bytes.size() - 4 - k_magic.size()));
  BuildSnapshot snapshot;
  snapshot.key = in.text(2);
  auto reused = in.number(1);
  if (reused < 2) {
    snapshot.dependencies_reused = reused == 1;
  }
  snapshot.messages.resize(in.count(4, 5));
  for (auto& message : snapshot.messages) {
    message.warning = in.number(1) != 0;
    message.text = in.text(4);
  }
  take_inputs(in, snapshot);
  snapshot.sources = take_sources(in);
  snapshot.part_starts.resize(in.count(4, 8));
  for (auto& start : snapshot.part_starts) {
    start = in.number(8);
  }
  if (!in.ok() || !in.at_end() || !consistent(snapshot)) {
    return std::nullopt;
  }
  return snapshot;
}

std::optional<BuildSnapshot> load_snapshot(const fs::path& path)
{
  try {
    return decode_snapshot(util::read_file(path));
  } catch (const Error&) {
    return std::nullopt; // missing or unreadable: the long way
  }
}

void save_snapshot(const fs::path& path, const BuildSnapshot& snapshot)
{
  try {
    util::write_file_atomic(path, encode_snapshot(snapshot));
  } catch (const std::exception& error) {
    util::debugf("cannot save the build snapshot: {}", error.what());
  }
}

void remove_snapshot(const fs::path& path)
{
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    throw Error(fmt::format(
        "cannot remove '{}': {}", path.string(), std::strerror(errno)));
  }
}

} // namespace slam::package
