#include "elf_fixture.hpp"

namespace slam::test {
namespace {

constexpr std::size_t k_header_size = 64;
constexpr std::size_t k_section_header_size = 64;
constexpr std::uint32_t k_strtab = 3;
constexpr std::uint32_t k_gnu_verneed = 0x6ffffffe;

// Pad BYTES with zeros to a multiple of 8.
void align(std::string& bytes)
{
  bytes.resize((bytes.size() + 7) / 8 * 8, '\0');
}

void append_le(std::string& bytes, std::uint64_t value, std::size_t width)
{
  bytes.resize(bytes.size() + width);
  put_le(bytes, bytes.size() - width, value, width);
}

void append_section(std::string& bytes,
                    std::uint32_t type,
                    std::uint64_t offset,
                    std::uint64_t size,
                    std::uint32_t link,
                    std::uint32_t info)
{
  append_le(bytes, 0, 4); // sh_name
  append_le(bytes, type, 4);
  append_le(bytes, 0, 8); // sh_flags
  append_le(bytes, 0, 8); // sh_addr
  append_le(bytes, offset, 8);
  append_le(bytes, size, 8);
  append_le(bytes, link, 4);
  append_le(bytes, info, 4);
  append_le(bytes, 8, 8); // sh_addralign
  append_le(bytes, 0, 8); // sh_entsize
}

// Append one Verneed for libc.so.6 (at offset 1 of .dynstr) with a
// Vernaux for each of NAME_OFFSETS.
void append_needs(std::string& bytes,
                  const std::vector<std::uint32_t>& name_offsets)
{
  append_le(bytes, 1, 2); // vn_version
  append_le(bytes, name_offsets.size(), 2);
  append_le(bytes, 1, 4);  // vn_file
  append_le(bytes, 16, 4); // vn_aux: right after this entry
  append_le(bytes, 0, 4);  // vn_next: the last one
  for (std::size_t i = 0; i < name_offsets.size(); ++i) {
    append_le(bytes, 0, 4); // vna_hash
    append_le(bytes, 0, 2); // vna_flags
    append_le(bytes, i + 2, 2);
    append_le(bytes, name_offsets[i], 4);
    append_le(bytes, i + 1 < name_offsets.size() ? 16 : 0, 4);
  }
}

std::string header(std::uint16_t machine)
{
  std::string bytes("\x7f"
                    "ELF\x02\x01\x01",
                    7);
  bytes.resize(16, '\0');
  append_le(bytes, 3, 2); // e_type: shared object
  append_le(bytes, machine, 2);
  append_le(bytes, 1, 4); // e_version
  bytes.resize(k_header_size, '\0');
  put_le(bytes, 52, k_header_size, 2);         // e_ehsize
  put_le(bytes, 58, k_section_header_size, 2); // e_shentsize
  return bytes;
}

} // namespace

void put_le(std::string& bytes,
            std::size_t offset,
            std::uint64_t value,
            std::size_t width)
{
  for (std::size_t i = 0; i < width; ++i) {
    bytes[offset + i] = static_cast<char>((value >> (8 * i)) & 0xff);
  }
}

std::string elf_bytes(const ElfFixture& fixture)
{
  auto bytes = header(fixture.machine);

  std::string strings("\0libc.so.6\0", 11);
  std::vector<std::uint32_t> name_offsets;
  for (const auto& version : fixture.versions) {
    name_offsets.push_back(static_cast<std::uint32_t>(strings.size()));
    strings += version + '\0';
  }
  auto strings_offset = bytes.size();
  bytes += strings;
  align(bytes);

  auto needs_offset = bytes.size();
  if (!fixture.versions.empty()) {
    append_needs(bytes, name_offsets);
  }
  auto needs_size = bytes.size() - needs_offset;
  align(bytes);

  auto table = bytes.size();
  append_section(bytes, 0, 0, 0, 0, 0);
  append_section(bytes, k_strtab, strings_offset, strings.size(), 0, 0);
  std::uint64_t count = 2;
  if (!fixture.versions.empty()) {
    append_section(bytes, k_gnu_verneed, needs_offset, needs_size, 1, 1);
    count = 3;
  }
  put_le(bytes, k_elf_section_offset_field, table, 8);
  put_le(bytes, k_elf_section_count_field, count, 2);
  return bytes;
}

} // namespace slam::test
