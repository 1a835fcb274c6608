#include "slam/package/package_file_check.hpp"

#include "slam/util/error.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fmt/core.h>
#include <fstream>
#include <string_view>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

// The first record of a zip: a local file header, or the end of the
// central directory when the archive is empty.
constexpr std::string_view k_local_header_signature{"PK\x03\x04", 4};
constexpr std::string_view k_empty_zip_signature{"PK\x05\x06", 4};

std::string option_text(const fs::path& path)
{
  return fmt::format("--lambda-package '{}'", path.string());
}

// Return the first 4 bytes of the file at PATH, fewer when it is shorter.
std::string read_signature(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw UsageError(fmt::format(
        "{} cannot be read: {}", option_text(path), std::strerror(errno)));
  }
  std::array<char, 4> bytes{};
  in.read(bytes.data(), bytes.size());
  return std::string(bytes.data(), static_cast<std::size_t>(in.gcount()));
}

} // namespace

void check_package_file(const fs::path& path)
{
  std::error_code error;
  auto status = fs::status(path, error);
  if (error) {
    throw UsageError(fmt::format(
        "{} cannot be read: {}", option_text(path), error.message()));
  }
  if (!fs::is_regular_file(status)) {
    throw UsageError(
        fmt::format("{} is not a regular file", option_text(path)));
  }
  auto size = fs::file_size(path, error);
  if (error) {
    throw UsageError(fmt::format(
        "{} cannot be read: {}", option_text(path), error.message()));
  }
  if (size > k_max_package_file_size) {
    throw UsageError(fmt::format("{} is {} bytes, more than the {} bytes "
                                 "(250 MiB) that Lambda accepts",
                                 option_text(path),
                                 size,
                                 k_max_package_file_size));
  }
  auto signature = read_signature(path);
  if (signature != k_local_header_signature &&
      signature != k_empty_zip_signature) {
    throw UsageError(fmt::format("{} is not a zip file", option_text(path)));
  }
}

} // namespace slam::package
