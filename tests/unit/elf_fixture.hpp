#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace slam::test {

// What a minimal ELF64 little-endian shared library made for a test holds.
struct ElfFixture
{
  std::uint16_t machine = 62; // x86-64
  // Version names in its .gnu.version_r (needed from libc.so.6), such as
  // "GLIBC_2.17"; no such section when empty.
  std::vector<std::string> versions{};
};

// Return the bytes of the library FIXTURE describes: an ELF header,
// .dynstr, .gnu.version_r and the section header table.
std::string elf_bytes(const ElfFixture& fixture);

// Offsets in elf_bytes() that tests corrupt.
inline constexpr std::size_t k_elf_section_offset_field = 40; // e_shoff
inline constexpr std::size_t k_elf_section_count_field = 60;  // e_shnum

// Write the little-endian VALUE of WIDTH bytes at OFFSET of BYTES.
void put_le(std::string& bytes,
            std::size_t offset,
            std::uint64_t value,
            std::size_t width);

} // namespace slam::test
