#pragma once

#include "slam/package/content_id.hpp"
#include "slam/package/zip_layout.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What a rebuild keeps of the zip it replaces (see zip_layout.hpp): the
// entries before the first one that differs, back to a checkpoint of the
// hash, stay where they are in the file; only what follows is written.

namespace slam::package {

// One entry of the new zip as known before it is made: its name, mode
// and, when known without reading the file, its content's identity.
struct PlannedEntry
{
  std::string_view name;
  bool executable = false;
  const ContentId* content = nullptr; // null: not known yet
};

// Return whether PLANNED is the entry OLD, as far as the zip's bytes go.
bool same_entry(const PlannedEntry& planned, const LayoutEntry& old);

struct ZipReuse
{
  // The layout of the zip there, when it can be trusted.
  std::optional<ZipLayout> layout;
  // How many first entries stay in place; 0 writes the zip whole.
  std::size_t kept = 0;
  // The hash's state where the kept entries end.
  std::string kept_state;
  // Every entry is as the zip there has it: nothing to write.
  bool unchanged = false;
};

// Return what the zip at ZIP, whose layout is LAYOUT, can keep for the
// entries PLANNED in the new zip's order: nothing unless it still has the
// stamp LAYOUT recorded.
ZipReuse plan_reuse(const std::filesystem::path& zip,
                    std::optional<ZipLayout> layout,
                    const std::vector<PlannedEntry>& planned);

// Return the stored bytes of the entries at INDEXES of the zip at ZIP,
// whose layout is LAYOUT, in that order; throw slam::Error when one
// cannot be read or its local header is not the one LAYOUT describes.
std::vector<std::string>
read_stored_entries(const std::filesystem::path& zip,
                    const ZipLayout& layout,
                    const std::vector<std::size_t>& indexes);

} // namespace slam::package
