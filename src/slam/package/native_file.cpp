// Reads just enough of a library to tell whether Lambda can load it.
//
// ELF64 layout used here (all little-endian, offsets in bytes):
//   file header (64): e_ident[16] (magic, class, data), e_machine at 18,
//     e_shoff at 40, e_shentsize at 58, e_shnum at 60
//   section header (64): sh_type at 4, sh_offset at 24, sh_size at 32,
//     sh_link at 40 (string table), sh_info at 44 (entry count)
//   .gnu.version_r: Verneed (16): vn_cnt at 2, vn_aux at 8, vn_next at 12,
//     each with vn_cnt Vernaux (16): vna_name at 8, vna_next at 12
#include "slam/package/native_file.hpp"

#include <array>
#include <charconv>
#include <fmt/core.h>
#include <vector>

namespace slam::package {
namespace {

constexpr std::size_t k_elf_header_size = 64;
constexpr std::size_t k_section_header_size = 64;
constexpr std::size_t k_version_entry_size = 16; // Verneed and Vernaux
constexpr std::uint32_t k_section_gnu_verneed = 0x6ffffffe;

// A section header, as far as it matters here.
struct Section
{
  std::uint32_t type = 0;
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
  std::uint32_t link = 0;
  std::uint32_t info = 0;
};

// Bounds-checked little-endian reads from the bytes of a file.
class Bytes
{
public:
  explicit Bytes(std::string_view data) : m_data(data) {}

  std::uint64_t size() const { return m_data.size(); }

  // Return the WIDTH-byte integer at BASE + FIELD; WHAT names it when it
  // lies outside the file.
  std::uint64_t read(std::uint64_t base,
                     std::size_t field,
                     std::size_t width,
                     std::string_view what) const
  {
    if (base > m_data.size() || field + width > m_data.size() - base) {
      throw MalformedNativeFile(fmt::format("{} lies past its end", what));
    }
    std::uint64_t value = 0;
    for (auto i = width; i-- > 0;) {
      value = value << 8 | static_cast<unsigned char>(m_data[base + field + i]);
    }
    return value;
  }

  // Return the SIZE bytes at OFFSET.
  std::string_view
  slice(std::uint64_t offset, std::uint64_t size, std::string_view what) const
  {
    if (offset > m_data.size() || size > m_data.size() - offset) {
      throw MalformedNativeFile(fmt::format("{} lies past its end", what));
    }
    return m_data.substr(offset, size);
  }

private:
  std::string_view m_data;
};

bool starts_with_any(std::string_view bytes,
                     const std::array<std::string_view, 8>& magics)
{
  for (auto magic : magics) {
    if (bytes.substr(0, magic.size()) == magic) {
      return true;
    }
  }
  return false;
}

// Thin 32- and 64-bit Mach-O and fat (universal) files, in both byte
// orders.
bool is_mach_o(std::string_view bytes)
{
  static const std::array<std::string_view, 8> k_magics{
      std::string_view("\xfe\xed\xfa\xce", 4),
      std::string_view("\xce\xfa\xed\xfe", 4),
      std::string_view("\xfe\xed\xfa\xcf", 4),
      std::string_view("\xcf\xfa\xed\xfe", 4),
      std::string_view("\xca\xfe\xba\xbe", 4),
      std::string_view("\xbe\xba\xfe\xca", 4),
      std::string_view("\xca\xfe\xba\xbf", 4),
      std::string_view("\xbf\xba\xfe\xca", 4),
  };
  return starts_with_any(bytes, k_magics);
}

Section read_section(const Bytes& bytes, std::uint64_t offset)
{
  constexpr std::string_view what = "a section header";
  return {static_cast<std::uint32_t>(bytes.read(offset, 4, 4, what)),
          bytes.read(offset, 24, 8, what),
          bytes.read(offset, 32, 8, what),
          static_cast<std::uint32_t>(bytes.read(offset, 40, 4, what)),
          static_cast<std::uint32_t>(bytes.read(offset, 44, 4, what))};
}

std::vector<Section> read_sections(const Bytes& bytes)
{
  auto table = bytes.read(0, 40, 8, "the section header offset");
  auto entry_size = bytes.read(0, 58, 2, "the section header size");
  std::uint64_t count = bytes.read(0, 60, 2, "the section count");
  if (table == 0) {
    return {};
  }
  if (entry_size != k_section_header_size) {
    throw MalformedNativeFile(
        fmt::format("its section headers are {} bytes, not 64", entry_size));
  }
  if (count == 0) {
    // Over 0xff00 sections: the first header's sh_size holds the count.
    count = read_section(bytes, table).size;
  }
  if (table > bytes.size() ||
      count > (bytes.size() - table) / k_section_header_size) {
    throw MalformedNativeFile("its section header table lies past its end");
  }
  std::vector<Section> sections;
  sections.reserve(count);
  for (std::uint64_t i = 0; i < count; ++i) {
    sections.push_back(read_section(bytes, table + i * k_section_header_size));
  }
  return sections;
}

// Return the NUL-terminated string at OFFSET of STRINGS.
std::string_view string_at(std::string_view strings, std::uint64_t offset)
{
  auto end = offset < strings.size() ? strings.find('\0', offset)
                                     : std::string_view::npos;
  if (end == std::string_view::npos) {
    throw MalformedNativeFile("a version name lies outside its string table");
  }
  return strings.substr(offset, end - offset);
}

void keep_newest(std::optional<GlibcVersion>& newest, std::string_view name)
{
  auto version = glibc_version_of(name);
  if (version && (!newest || *newest < *version)) {
    newest = version;
  }
}

// Walks the Verneed and Vernaux chains of a .gnu.version_r section.
// Every step moves forward and stays inside the section, and the number
// of steps is capped, so a crafted chain can neither escape nor loop.
class VersionNeeds
{
public:
  VersionNeeds(const Bytes& bytes, const Section& needs, std::string_view names)
      : m_bytes(bytes), m_needs(needs), m_names(names),
        m_steps_left(needs.size / k_version_entry_size)
  {
    m_bytes.slice(needs.offset, needs.size, "its .gnu.version_r section");
  }

  std::optional<GlibcVersion> newest_glibc()
  {
    std::optional<GlibcVersion> newest;
    std::uint64_t offset = 0; // of a Verneed, relative to the section
    for (std::uint32_t i = 0; i < m_needs.info; ++i) {
      auto need = entry_at(offset);
      auto aux_offset = offset + need.link;
      for (std::uint64_t j = 0; j < need.count; ++j) {
        auto aux = entry_at(aux_offset);
        keep_newest(newest, string_at(m_names, aux.link));
        if (aux.next == 0) {
          break;
        }
        aux_offset += aux.next;
      }
      if (need.next == 0) {
        break;
      }
      offset += need.next;
    }
    return newest;
  }

private:
  // The fields of a Verneed (vn_cnt, vn_aux, vn_next) or a Vernaux
  // (unused, vna_name, vna_next).
  struct Entry
  {
    std::uint64_t count = 0;
    std::uint64_t link = 0;
    std::uint64_t next = 0;
  };

  // Return the 16-byte entry at OFFSET in the section.
  Entry entry_at(std::uint64_t offset)
  {
    if (m_steps_left == 0 || offset > m_needs.size ||
        m_needs.size - offset < k_version_entry_size) {
      throw MalformedNativeFile("its .gnu.version_r section is malformed");
    }
    --m_steps_left;
    auto base = m_needs.offset + offset;
    constexpr std::string_view what = "a version need";
    return {m_bytes.read(base, 2, 2, what),
            m_bytes.read(base, 8, 4, what),
            m_bytes.read(base, 12, 4, what)};
  }

  const Bytes& m_bytes;
  Section m_needs;
  std::string_view m_names;
  std::uint64_t m_steps_left;
};

std::optional<GlibcVersion> newest_glibc(const Bytes& bytes)
{
  auto sections = read_sections(bytes);
  for (const auto& section : sections) {
    if (section.type != k_section_gnu_verneed) {
      continue;
    }
    if (section.link >= sections.size()) {
      throw MalformedNativeFile(
          "its .gnu.version_r section names no string table");
    }
    const auto& names = sections[section.link];
    VersionNeeds needs(bytes,
                       section,
                       bytes.slice(names.offset, names.size, "a string table"));
    return needs.newest_glibc();
  }
  return std::nullopt;
}

NativeFile read_elf(std::string_view data)
{
  Bytes bytes(data);
  NativeFile file;
  auto elf_class = bytes.read(0, 4, 1, "its ELF header");
  auto encoding = bytes.read(0, 5, 1, "its ELF header");
  file.is_64_bit = elf_class == 2;
  file.is_little_endian = encoding == 1;
  auto machine = bytes.read(0, 18, 2, "its ELF header");
  file.machine = static_cast<std::uint16_t>(
      file.is_little_endian ? machine : (machine >> 8 | machine << 8));
  if (file.is_64_bit && file.is_little_endian) {
    bytes.slice(0, k_elf_header_size, "its ELF header");
    file.newest_glibc = newest_glibc(bytes);
  }
  return file;
}

// Return the number at the start of TEXT and move past it and one '.'.
std::optional<int> take_number(std::string_view& text)
{
  int value = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data()) {
    return std::nullopt;
  }
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  if (!text.empty() && text.front() == '.') {
    text.remove_prefix(1);
  }
  return value;
}

} // namespace

std::string GlibcVersion::text() const
{
  if (patch != 0) {
    return fmt::format("{}.{}.{}", major, minor, patch);
  }
  return fmt::format("{}.{}", major, minor);
}

std::optional<GlibcVersion> glibc_version_of(std::string_view name)
{
  // Linking with packed relative relocations (DT_RELR) needs this
  // marker, which only glibc 2.36 and newer provide.
  if (name == "GLIBC_ABI_DT_RELR") {
    return GlibcVersion{2, 36};
  }
  constexpr std::string_view prefix = "GLIBC_";
  if (name.substr(0, prefix.size()) != prefix) {
    return std::nullopt;
  }
  auto rest = name.substr(prefix.size());
  auto major = take_number(rest);
  auto minor = take_number(rest);
  if (!major || !minor) {
    return std::nullopt;
  }
  auto patch = take_number(rest);
  return GlibcVersion{*major, *minor, patch.value_or(0)};
}

std::string elf_machine_name(std::uint16_t machine)
{
  switch (machine) {
  case k_elf_machine_x86_64:
    return "x86-64";
  case k_elf_machine_aarch64:
    return "AArch64";
  case 3:
    return "i386";
  case 40:
    return "ARM";
  default:
    return fmt::format("machine {}", machine);
  }
}

NativeFile read_native_file(std::string_view bytes)
{
  if (bytes.starts_with(k_elf_magic)) {
    return read_elf(bytes);
  }
  if (is_mach_o(bytes)) {
    return {.format = NativeFormat::mach_o};
  }
  if (bytes.substr(0, 2) == "MZ") {
    return {.format = NativeFormat::pe};
  }
  throw MalformedNativeFile("it is not an ELF, Mach-O or PE file");
}

} // namespace slam::package
