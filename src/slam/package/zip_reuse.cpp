#include "slam/package/zip_reuse.hpp"

#include "slam/package/zip_headers.hpp"
#include "slam/util/error.hpp"
#include "slam/util/log.hpp"
#include "slam/util/sha256_stream.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/core.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

// Return the index of the first of PLANNED that LAYOUT does not have at
// the same place.
std::size_t first_difference(const std::vector<PlannedEntry>& planned,
                             const ZipLayout& layout)
{
  std::size_t i = 0;
  while (i < planned.size() && i < layout.entries.size() &&
         same_entry(planned[i], layout.entries[i])) {
    ++i;
  }
  return i;
}

// Return where each of LAYOUT's first COUNT entries starts in the zip.
std::vector<std::uint64_t> local_offsets(const ZipLayout& layout,
                                         std::size_t count)
{
  std::vector<std::uint64_t> offsets;
  offsets.reserve(count);
  std::uint64_t offset = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const auto& header = layout.entries[i].header;
    offsets.push_back(offset);
    offset += local_header_size(header, offset) + header.stored_size;
  }
  return offsets;
}

// Return COUNT bytes of FD at OFFSET; throw slam::Error naming ZIP when
// they cannot be read.
std::string
read_at(int fd, std::uint64_t offset, std::uint64_t count, const fs::path& zip)
{
  std::string bytes(count, '\0');
  std::uint64_t done = 0;
  while (done < count) {
    auto got = ::pread(fd,
                       bytes.data() + done,
                       count - done,
                       static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got <= 0) {
      throw Error(fmt::format("cannot read '{}': {}",
                              zip.string(),
                              got < 0 ? std::strerror(errno) : "cut short"));
    }
    done += static_cast<std::uint64_t>(got);
  }
  return bytes;
}

} // namespace

bool same_entry(const PlannedEntry& planned, const LayoutEntry& old)
{
  const auto* content = planned.content;
  return content && planned.name == old.header.name &&
         planned.executable == old.header.executable &&
         content->sha256 == old.content_sha256 &&
         content->size == old.header.size && content->crc32 == old.header.crc32;
}

ZipReuse plan_reuse(const fs::path& zip,
                    std::optional<ZipLayout> layout,
                    const std::vector<PlannedEntry>& planned)
{
  ZipReuse reuse;
  if (!layout) {
    return reuse;
  }
  // Only Slam writes the zip, and always records its stamp after: any
  // other stamp means it was changed or replaced since.
  auto stamp = stamp_of(zip);
  if (stamp == FileStamp{} || stamp != layout->zip) {
    util::debugf("'{}' is not the zip its layout describes; writing it "
                 "whole",
                 zip.string());
    return reuse;
  }
  auto same = first_difference(planned, *layout);
  reuse.unchanged = same == planned.size() && same == layout->entries.size();
  for (const auto& checkpoint : layout->checkpoints) {
    if (checkpoint.entry > 0 && checkpoint.entry <= same) {
      reuse.kept = checkpoint.entry;
      reuse.kept_state = checkpoint.state;
    }
  }
  // A state this build cannot take up (saved by another OpenSSL, say)
  // only costs the whole write.
  if (reuse.kept > 0 && !util::Sha256Stream::resume(reuse.kept_state)) {
    util::debugf("the layout of '{}' has a hash state this build cannot "
                 "take up; writing the zip whole",
                 zip.string());
    reuse.kept = 0;
    reuse.kept_state.clear();
  }
  reuse.layout = std::move(layout);
  return reuse;
}

std::vector<std::string>
read_stored_entries(const fs::path& zip,
                    const ZipLayout& layout,
                    const std::vector<std::size_t>& indexes)
{
  std::size_t needed = 0;
  for (auto index : indexes) {
    needed = std::max(needed, index + 1);
  }
  auto offsets = local_offsets(layout, needed);
  int fd = ::open(zip.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw Error(fmt::format(
        "cannot open '{}': {}", zip.string(), std::strerror(errno)));
  }
  std::vector<std::string> stored;
  try {
    for (auto index : indexes) {
      auto offset = offsets[index];
      std::string header;
      put_local_header(header, layout.entries[index].header, offset);
      auto size = layout.entries[index].header.stored_size;
      auto bytes = read_at(fd, offset, header.size() + size, zip);
      if (!std::string_view(bytes).starts_with(header)) {
        throw Error(fmt::format("'{}' does not hold the entry '{}' where "
                                "its layout says",
                                zip.string(),
                                layout.entries[index].header.name));
      }
      bytes.erase(0, header.size());
      stored.push_back(std::move(bytes));
    }
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  return stored;
}

} // namespace slam::package
