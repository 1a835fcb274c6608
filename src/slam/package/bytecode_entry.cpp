#include "slam/package/bytecode_entry.hpp"

#include "slam/util/hash.hpp"

#include <fmt/core.h>

namespace slam::package {

bool is_python_source(std::string_view name)
{
  auto slash = name.rfind('/');
  auto file = slash == std::string_view::npos ? name : name.substr(slash + 1);
  return file.size() > 3 && file.ends_with(".py");
}

std::string pyc_entry_name(std::string_view name, std::string_view version)
{
  auto slash = name.rfind('/');
  auto folder = slash == std::string_view::npos ? std::string_view()
                                                : name.substr(0, slash + 1);
  auto file = slash == std::string_view::npos ? name : name.substr(slash + 1);
  auto stem = file.substr(0, file.size() - 3);
  std::string tag;
  for (char c : version) {
    if (c != '.') {
      tag += c;
    }
  }
  return fmt::format("{}__pycache__/{}.cpython-{}.pyc", folder, stem, tag);
}

std::string lambda_source_path(std::string_view name)
{
  return fmt::format("{}/{}", k_lambda_task_root, name);
}

std::string bytecode_cache_key(std::string_view magic,
                               std::string_view dfile,
                               std::string_view source)
{
  // The NUL ends DFILE (no path holds one), so no other DFILE and SOURCE
  // give the same bytes.
  std::string keyed(magic);
  keyed += dfile;
  keyed += '\0';
  keyed += source;
  return util::sha256_hex(keyed);
}

} // namespace slam::package
