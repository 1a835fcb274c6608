#include "slam/package/zip_writer.hpp"

#include "slam/package/zip_headers.hpp"

#include <algorithm>

namespace slam::package {

ZipArchive::ZipArchive(std::vector<CompressedEntry> entries)
    : ZipArchive({}, sorted_by_name(std::move(entries)))
{
}

ZipArchive::ZipArchive(std::vector<ZipEntryHeader> kept,
                       std::vector<CompressedEntry> entries,
                       bool names_checked)
    : m_entries(std::move(entries)), m_headers(std::move(kept)),
      m_kept(m_headers.size())
{
  for (const auto& entry : m_entries) {
    m_headers.push_back(header_of(entry));
  }
  if (!names_checked) {
    check_names(m_headers);
  }

  // Headers first, all in their strings, so that the views taken below
  // stay valid. Those of kept entries only give their sizes.
  std::string central;
  std::vector<std::size_t> header_ends;
  header_ends.reserve(m_entries.size());
  m_offsets.reserve(m_headers.size());
  for (std::size_t i = 0; i < m_headers.size(); ++i) {
    const auto& header = m_headers[i];
    m_offsets.push_back(m_size);
    put_central_header(central, header, m_size);
    if (i < m_kept) {
      m_size += local_header_size(header, m_size) + header.stored_size;
      m_start = m_size;
      continue;
    }
    auto start = m_local_headers.size();
    put_local_header(m_local_headers, header, m_size);
    header_ends.push_back(m_local_headers.size());
    m_size += m_local_headers.size() - start + header.stored_size;
  }
  m_directory_offset = m_size;
  m_tail = std::move(central);
  put_end_of_directory(m_tail, m_headers.size(), m_size, m_tail.size());
  m_size += m_tail.size();

  m_pieces.reserve(2 * m_entries.size() + 1);
  std::string_view headers(m_local_headers);
  std::size_t start = 0;
  for (std::size_t i = 0; i < m_entries.size(); ++i) {
    m_pieces.push_back(headers.substr(start, header_ends[i] - start));
    m_pieces.push_back(m_entries[i].data);
    start = header_ends[i];
  }
  m_pieces.push_back(m_tail);
}

std::string ZipArchive::bytes() const
{
  std::string archive;
  archive.reserve(m_size - m_start);
  for (auto piece : m_pieces) {
    archive += piece;
  }
  return archive;
}

std::vector<CompressedEntry>
sorted_by_name(std::vector<CompressedEntry> entries)
{
  std::sort(entries.begin(), entries.end(), [](auto& a, auto& b) {
    return a.name < b.name;
  });
  return entries;
}

std::string assemble_zip(std::vector<CompressedEntry> entries)
{
  return ZipArchive(std::move(entries)).bytes();
}

} // namespace slam::package
