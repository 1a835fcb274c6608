#pragma once

#include "slam/package/zip_reuse.hpp"
#include "slam/package/zip_writer.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace slam::package {

// What writing a package's zip did.
struct ZipWritten
{
  std::string sha256;     // of the whole zip, 64 hex digits
  bool unchanged = false; // the file already held these bytes
};

// Return where a zip is while its end is rewritten in place: never under
// its own name, so that nothing takes a half-written zip for a built one.
std::filesystem::path partial_path(const std::filesystem::path& zip);

// Write ARCHIVE to ZIP and save its layout beside it, and return its
// SHA-256. ARCHIVE keeps REUSE.kept entries of the zip there (see
// zip_reuse.hpp); CONTENTS holds the SHA-256 of each entry's content in
// ARCHIVE's order. The hash is saved where each of ANCHORS (entry
// indexes: where a part of the zip that changes apart begins) starts and
// every k_checkpoint_spacing bytes.
//
// A whole zip is written to a new file renamed over ZIP, unless ZIP holds
// the same bytes already. An end is rewritten in the file itself: the
// layout is removed first and the zip renamed to partial_path() while it
// is cut and written, then renamed back and the new layout saved. An
// interrupted rewrite so leaves no zip and no layout, and the next build
// writes the zip whole. Throw slam::Error when it cannot be written.
ZipWritten write_zip(const std::filesystem::path& zip,
                     const ZipArchive& archive,
                     const std::vector<std::string>& contents,
                     const ZipReuse& reuse,
                     const std::vector<std::size_t>& anchors);

// Bytes between saved states of the hash: at most this much of the zip
// is written again before the first entry that changed.
inline constexpr std::uint64_t k_checkpoint_spacing = 256 * 1024;

// Make a rewrite in place call FAULT once it has renamed the zip to its
// partial name and before it writes the new end, when set:
// how tests interrupt one there.
void set_tail_write_fault(std::function<void()> fault);

} // namespace slam::package
