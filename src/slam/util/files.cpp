#include "slam/util/files.hpp"

#include "slam/util/error.hpp"

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fmt/core.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace slam::util {

std::string read_file(const std::filesystem::path& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(fmt::format(
        "cannot read '{}': {}", path.string(), std::strerror(errno)));
  }
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void write_file_atomic(const std::filesystem::path& path,
                       std::string_view content)
{
  // Unique per process and call, so that threads writing the same file
  // at once each rename a whole one.
  static std::atomic<unsigned> writes{0};
  auto temp = path;
  temp += fmt::format(".tmp{}.{}", ::getpid(), writes++);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
      auto reason = std::strerror(errno);
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      throw Error(fmt::format("cannot write '{}': {}", path.string(), reason));
    }
  }
  std::error_code error;
  std::filesystem::rename(temp, path, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw Error(
        fmt::format("cannot write '{}': {}", path.string(), error.message()));
  }
}

std::filesystem::path make_temp_dir(std::string_view prefix)
{
  auto pattern =
      (std::filesystem::temp_directory_path() / fmt::format("{}XXXXXX", prefix))
          .string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw Error(fmt::format("cannot create a temporary folder: {}",
                            std::strerror(errno)));
  }
  return pattern;
}

} // namespace slam::util
