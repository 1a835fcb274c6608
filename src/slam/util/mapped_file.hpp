#pragma once

#include <cstddef>
#include <filesystem>
#include <string_view>

namespace slam::util {

// A file mapped read-only into memory: its pages are read when touched,
// so that looking at a few parts of a large file reads only those. Only
// for files that are replaced by a rename, never cut in place: a mapped
// page that the file no longer holds faults.
class MappedFile
{
public:
  // Map the file at PATH; throw slam::Error naming it when it cannot be.
  explicit MappedFile(const std::filesystem::path& path);
  ~MappedFile();

  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {m_data, m_size}; }

private:
  const char* m_data = nullptr;
  std::size_t m_size = 0;
};

} // namespace slam::util
