#include "slam/package/stat_index.hpp"

#include "slam/package/little_endian.hpp"
#include "slam/package/zip_entry.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/log.hpp"

namespace fs = std::filesystem;

namespace slam::package {
namespace {

// SLAMSI1 had no flags: its records cannot say which files are ELF.
constexpr std::string_view k_magic = "SLAMSI2\n";
constexpr std::size_t k_digest_size = 32;
constexpr std::size_t k_record_size = k_stamp_size + k_digest_size + 8 + 4 + 1;
constexpr std::uint8_t k_elf_flag = 1;

// Return the path of the record at the start of IN and drop it from IN,
// or nothing when IN does not hold a whole record.
std::optional<std::string> take_path(std::string_view& in)
{
  if (in.size() < 4) {
    return std::nullopt;
  }
  auto length = take_uint(in, 4);
  if (in.size() < length + k_record_size) {
    return std::nullopt;
  }
  std::string path(in.substr(0, length));
  in.remove_prefix(length);
  return path;
}

// Return whether the CRC-32 that ends INDEX is that of the rest: a record
// damaged unseen could say that an ELF file is none, and the native-file
// check would then pass it.
bool whole(std::string_view index)
{
  if (index.size() < 4) {
    return false;
  }
  auto records = index.substr(0, index.size() - 4);
  auto trailer = index.substr(index.size() - 4);
  return take_uint(trailer, 4) == crc32(records);
}

} // namespace

StatIndex::StatIndex(fs::path file) : m_file(std::move(file))
{
  load();
}

void StatIndex::load()
{
  std::error_code error;
  if (!fs::is_regular_file(m_file, error)) {
    return;
  }
  m_written_ns = stamp_of(m_file).modified_ns;
  auto text = util::read_file(m_file);
  std::string_view in(text);
  if (!in.starts_with(k_magic) || !whole(in)) {
    util::debugf("ignoring the stat index '{}': another format or damaged",
                 m_file.string());
    return;
  }
  in.remove_prefix(k_magic.size());
  in.remove_suffix(4);
  while (!in.empty()) {
    auto path = take_path(in);
    if (!path) {
      util::debugf("ignoring the damaged stat index '{}'", m_file.string());
      m_loaded.clear();
      return;
    }
    Record record;
    record.stamp = take_stamp(in);
    record.id.sha256 = std::string(in.substr(0, k_digest_size));
    in.remove_prefix(k_digest_size);
    record.id.size = take_uint(in, 8);
    record.id.crc32 = static_cast<std::uint32_t>(take_uint(in, 4));
    record.id.elf = (take_uint(in, 1) & k_elf_flag) != 0;
    m_loaded.emplace(std::move(*path), Loaded{std::move(record)});
  }
}

std::optional<ContentId> StatIndex::find(const fs::path& path,
                                         const FileStamp& stamp)
{
  auto found = m_loaded.find(path.native());
  if (found == m_loaded.end() || found->second.record.stamp != stamp ||
      !settled_before(stamp, m_written_ns)) {
    return std::nullopt;
  }
  std::lock_guard lock(m_mutex);
  if (!found->second.used) {
    found->second.used = true;
    m_used_count += 1;
  }
  return found->second.record.id;
}

void StatIndex::record(const fs::path& path,
                       const FileStamp& stamp,
                       const ContentId& id)
{
  std::lock_guard lock(m_mutex);
  m_recorded.insert_or_assign(path.native(), Record{stamp, id});
}

void StatIndex::put_record(std::string& out,
                           const std::string& path,
                           const Record& record) const
{
  put32(out, static_cast<std::uint32_t>(path.size()));
  out += path;
  put_stamp(out, record.stamp);
  out += record.id.sha256;
  put64(out, record.id.size);
  put32(out, record.id.crc32);
  out += static_cast<char>(record.id.elf ? k_elf_flag : 0);
}

void StatIndex::save()
{
  std::lock_guard lock(m_mutex);
  // A record read again (changed or not yet trusted) is saved anew, so
  // that the index's later write time lets the next build trust it.
  if (m_recorded.empty() && m_used_count == m_loaded.size()) {
    return;
  }
  // The used loaded records and the new ones, in path order; a new one
  // replaces a loaded one of its path.
  std::string out(k_magic);
  auto recorded = m_recorded.begin();
  for (const auto& [path, loaded] : m_loaded) {
    for (; recorded != m_recorded.end() && recorded->first < path; ++recorded) {
      put_record(out, recorded->first, recorded->second);
    }
    if (recorded != m_recorded.end() && recorded->first == path) {
      continue;
    }
    if (loaded.used) {
      put_record(out, path, loaded.record);
    }
  }
  for (; recorded != m_recorded.end(); ++recorded) {
    put_record(out, recorded->first, recorded->second);
  }
  put32(out, crc32(out));
  try {
    fs::create_directories(m_file.parent_path());
    util::write_file_atomic(m_file, out);
  } catch (const std::exception& error) {
    util::debugf("cannot save the stat index: {}", error.what());
  }
}

} // namespace slam::package
