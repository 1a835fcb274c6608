#include "slam/package/content_id.hpp"

#include "slam/package/native_file.hpp"
#include "slam/package/zip_entry.hpp"
#include "slam/util/hash.hpp"

namespace slam::package {

ContentId content_id(std::string_view content)
{
  return {util::sha256(content),
          content.size(),
          crc32(content),
          content.starts_with(k_elf_magic)};
}

} // namespace slam::package
