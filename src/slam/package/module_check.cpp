#include "slam/package/module_check.hpp"

#include "slam/config/config.hpp"
#include "slam/util/error.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <string>

namespace slam::package {
namespace {

// Return the path of MODULE's file without its extension: a.b.c -> a/b/c.
std::string module_base(std::string_view module)
{
  std::string base(module);
  std::replace(base.begin(), base.end(), '.', '/');
  return base;
}

// Return whether the package path PATH makes the module at BASE importable.
bool provides(std::string_view path, std::string_view base)
{
  if (!path.starts_with(base)) {
    return false;
  }
  auto rest = path.substr(base.size());
  if (rest == ".py" || rest == ".so" || rest.starts_with("/")) {
    return true;
  }
  // An extension built for one interpreter: c.cpython-311-x86_64-linux-
  // gnu.so, c.abi3.so.
  return rest.size() > 4 && rest.starts_with(".") && rest.ends_with(".so") &&
         rest.find('/') == std::string_view::npos;
}

} // namespace

bool has_module(std::string_view module, const std::vector<PackageFile>& files)
{
  auto base = module_base(module);
  return std::any_of(files.begin(), files.end(), [&](const auto& file) {
    return provides(file.path, base);
  });
}

void check_module(const config::Config& config,
                  const std::vector<PackageFile>& files)
{
  if (has_module(config.module, files)) {
    return;
  }
  auto base = module_base(config.module);
  auto config_name =
      config.file.empty() ? "slam.yaml" : config.file.filename().string();
  throw Error(fmt::format("function.module '{}' is not in the package (no "
                          "'{}.py' or '{}/__init__.py' in '{}'); check "
                          "'module' in {} and package.exclude",
                          config.module,
                          base,
                          base,
                          config.project_dir.string(),
                          config_name));
}

} // namespace slam::package
