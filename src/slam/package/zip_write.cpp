#include "slam/package/zip_write.hpp"

#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/log.hpp"
#include "slam/util/sha256_stream.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

std::function<void()>& tail_write_fault()
{
  static std::function<void()> fault;
  return fault;
}

// The zip's hash and its saved states.
struct ZipHash
{
  std::string sha256;
  std::vector<HashCheckpoint> checkpoints;
};

// Return the hash of ARCHIVE, taken up where REUSE left it for the kept
// entries, with a state saved at ANCHORS and every k_checkpoint_spacing
// bytes.
ZipHash hash_archive(const ZipArchive& archive,
                     const ZipReuse& reuse,
                     const std::vector<std::size_t>& anchors)
{
  ZipHash hash;
  auto kept = archive.kept();
  std::optional<util::Sha256Stream> stream;
  if (kept == 0) {
    stream.emplace();
  } else {
    stream = util::Sha256Stream::resume(reuse.kept_state);
    for (const auto& checkpoint : reuse.layout->checkpoints) {
      if (checkpoint.entry <= kept) {
        hash.checkpoints.push_back(checkpoint);
      }
    }
  }
  if (!stream) {
    throw Error("the zip layout's hash state is damaged");
  }
  const auto& offsets = archive.offsets();
  const auto& pieces = archive.pieces();
  auto last = kept == 0 ? 0 : offsets[kept];
  for (std::size_t i = kept; i < offsets.size(); ++i) {
    bool anchored = std::binary_search(anchors.begin(), anchors.end(), i);
    if (i > kept && (anchored || offsets[i] - last >= k_checkpoint_spacing)) {
      hash.checkpoints.push_back({i, stream->state()});
      last = offsets[i];
    }
    stream->update(pieces[2 * (i - kept)]);
    stream->update(pieces[2 * (i - kept) + 1]);
  }
  stream->update(pieces.back());
  hash.sha256 = stream->hex_digest();
  return hash;
}

// Return whether the file at PATH holds ARCHIVE, a whole one. Compared
// byte for byte, and only when the sizes agree: hashing the old zip cost
// a rebuild more.
bool holds_archive(const fs::path& path, const ZipArchive& archive)
{
  std::error_code error;
  if (!fs::is_regular_file(path, error) ||
      fs::file_size(path, error) != archive.size() || error) {
    return false;
  }
  std::string old;
  try {
    old = util::read_file(path);
  } catch (const Error&) {
    return false;
  }
  std::string_view rest(old);
  for (auto piece : archive.pieces()) {
    if (!rest.starts_with(piece)) {
      return false;
    }
    rest.remove_prefix(piece.size());
  }
  return rest.empty();
}

[[noreturn]] void fail(std::string_view what, const fs::path& path)
{
  throw Error(fmt::format(
      "cannot {} '{}': {}", what, path.string(), std::strerror(errno)));
}

void write_at(int fd, std::string_view data, off_t offset, const fs::path& zip)
{
  while (!data.empty()) {
    auto written = ::pwrite(fd, data.data(), data.size(), offset);
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written <= 0) {
      fail("write", zip);
    }
    data.remove_prefix(static_cast<std::size_t>(written));
    offset += written;
  }
}

// Rewrite ZIP, which must still have the stamp EXPECTED, from
// ARCHIVE.start() on, under partial_path() meanwhile; call MEANWHILE
// while the new end goes to disk.
void rewrite_end(const fs::path& zip,
                 const ZipArchive& archive,
                 const FileStamp& expected,
                 const std::function<void()>& meanwhile)
{
  int fd = ::open(zip.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    fail("open", zip);
  }
  try {
    if (stamp_of(fd) != expected) {
      throw Error(fmt::format("'{}' changed during the build; build again",
                              zip.string()));
    }
    auto partial = partial_path(zip);
    if (::rename(zip.c_str(), partial.c_str()) != 0) {
      fail("rename", zip);
    }
    auto offset = static_cast<off_t>(archive.start());
    if (tail_write_fault()) {
      tail_write_fault()();
    }
    for (auto piece : archive.pieces()) {
      write_at(fd, piece, offset, partial);
      offset += static_cast<off_t>(piece.size());
    }
    // Cut after writing, and only what the old zip had beyond the new
    // one: cutting the whole end first cost a rebuild milliseconds (the
    // file system frees the blocks it then allocates again).
    if (static_cast<std::uint64_t>(offset) < expected.size &&
        ::ftruncate(fd, offset) != 0) {
      fail("truncate", partial);
    }
    // On disk before it is the zip again, as a whole zip is (Flush::disk).
    // Started first, so that the disk writes while this build does the
    // rest: fdatasync() then only waits for what is left (0.7 ms less).
    ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
    meanwhile();
    if (::fdatasync(fd) != 0) {
      fail("write", partial);
    }
    if (::rename(partial.c_str(), zip.c_str()) != 0) {
      fail("rename", partial);
    }
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
}

// Write ARCHIVE, a whole zip, to ZIP unless it holds it already; return
// whether it did.
bool unchanged_or_written(const fs::path& zip, const ZipArchive& archive)
{
  if (holds_archive(zip, archive)) {
    return true;
  }
  std::error_code error;
  fs::create_directories(zip.parent_path(), error);
  if (error) {
    throw Error(fmt::format("cannot create folder '{}': {}",
                            zip.parent_path().string(),
                            error.message()));
  }
  // On disk before the rename: the package is what a deploy uploads, and
  // no later build reads it back to check it, so a power cut must leave
  // it whole or not there.
  util::write_file_atomic(zip, archive.pieces(), util::Flush::disk);
  fs::remove(partial_path(zip), error); // left by an interrupted rewrite
  return false;
}

} // namespace

fs::path partial_path(const fs::path& zip)
{
  auto path = zip;
  path += ".partial";
  return path;
}

ZipWritten write_zip(const fs::path& zip,
                     const ZipArchive& archive,
                     const std::vector<std::string>& contents,
                     const ZipReuse& reuse,
                     const std::vector<std::size_t>& anchors)
{
  auto hash = hash_archive(archive, reuse, anchors);
  ZipWritten written{hash.sha256, false};
  // The zip there has the layout's hash: the same hash and size are the
  // same bytes, and there is nothing to write.
  if (reuse.layout && reuse.layout->sha256 == hash.sha256 &&
      reuse.layout->zip.size == archive.size()) {
    written.unchanged = true;
    return written;
  }
  // Gone before the zip changes: a zip without a layout is written whole.
  auto layout_file = layout_path(zip);
  std::error_code error;
  fs::remove(layout_file, error);
  std::string layout;
  auto encode = [&] {
    layout = encode_layout(LayoutParts{
        hash.sha256, archive.headers(), contents, hash.checkpoints});
  };
  if (archive.kept() > 0) {
    rewrite_end(zip, archive, reuse.layout->zip, encode);
  } else {
    written.unchanged = unchanged_or_written(zip, archive);
    encode();
  }
  set_layout_stamp(layout, stamp_of(zip));
  save_layout_bytes(layout_file, layout);
  return written;
}

void set_tail_write_fault(std::function<void()> fault)
{
  tail_write_fault() = std::move(fault);
}

} // namespace slam::package
