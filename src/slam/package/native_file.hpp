#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace slam::package {

// The executable formats a native library may come in.
enum class NativeFormat {
  elf,    // Linux and most other Unix systems
  mach_o, // macOS, thin or fat
  pe,     // Windows
};

// A glibc symbol version such as 2.17 or 2.3.4.
struct GlibcVersion
{
  int major = 0;
  int minor = 0;
  int patch = 0;

  auto operator<=>(const GlibcVersion&) const = default;

  // Return "2.17", or "2.3.4" when there is a patch number.
  std::string text() const;
};

// The first bytes of every ELF file, whatever its name.
inline constexpr std::string_view k_elf_magic{"\x7f"
                                              "ELF",
                                              4};

// ELF e_machine values Slam names in messages.
inline constexpr std::uint16_t k_elf_machine_x86_64 = 62;
inline constexpr std::uint16_t k_elf_machine_aarch64 = 183;

// What the header and version needs of a native library say.
struct NativeFile
{
  NativeFormat format = NativeFormat::elf;
  // The rest is known for ELF only.
  bool is_64_bit = false;
  bool is_little_endian = false;
  std::uint16_t machine = 0; // e_machine
  // The newest GLIBC_x.y version it needs (from .gnu.version_r); nullopt
  // when it needs none. Read for 64-bit little-endian files only.
  std::optional<GlibcVersion> newest_glibc{};
};

// Thrown when bytes are not a native file, or an ELF file is malformed;
// the message says what is wrong without naming the file.
class MalformedNativeFile : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

// Return what BYTES, the whole content of a library, are. Every read is
// bounds-checked: malformed input throws MalformedNativeFile.
NativeFile read_native_file(std::string_view bytes);

// Return the glibc version a version-need name such as "GLIBC_2.17"
// stands for; nullopt for other names ("GLIBC_PRIVATE", "GCC_3.0").
std::optional<GlibcVersion> glibc_version_of(std::string_view name);

// Return a reader's name for an ELF e_machine value: "x86-64", "AArch64",
// or "machine 40" for one Slam does not name.
std::string elf_machine_name(std::uint16_t machine);

} // namespace slam::package
