#include "slam/config/config.hpp"
#include "slam/package/module_check.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

using slam::package::has_module;
using slam::package::PackageFile;

namespace {

// Return package files at PATHS (their sources do not matter here).
std::vector<PackageFile> files_at(const std::vector<std::string>& paths)
{
  std::vector<PackageFile> files;
  for (const auto& path : paths) {
    files.push_back({path, "/src/" + path, false});
  }
  return files;
}

// Return the error message of check_module for MODULE and PATHS, or "".
std::string module_error(const std::string& module,
                         const std::vector<std::string>& paths)
{
  slam::config::Config config;
  config.file = "/work/shop/slam.yaml";
  config.project_dir = "/work/shop";
  config.module = module;
  try {
    slam::package::check_module(config, files_at(paths));
  } catch (const slam::Error& error) {
    return error.what();
  }
  return "";
}

} // namespace

TEST(ModuleCheck, module_file_at_the_root_is_found)
{
  EXPECT_TRUE(has_module("app", files_at({"README.txt", "app.py"})));
}

TEST(ModuleCheck, package_folder_with_init_is_found)
{
  EXPECT_TRUE(has_module("shop", files_at({"shop/__init__.py"})));
}

TEST(ModuleCheck, dotted_path_is_found_in_its_folders)
{
  auto files = files_at({"shop/__init__.py", "shop/web/wsgi.py"});

  EXPECT_TRUE(has_module("shop.web.wsgi", files));
  EXPECT_FALSE(has_module("shop.wsgi", files));
  EXPECT_FALSE(has_module("web.wsgi", files));
}

TEST(ModuleCheck, native_extension_is_found)
{
  EXPECT_TRUE(
      has_module("fast", files_at({"fast.cpython-311-x86_64-linux-gnu.so"})));
  EXPECT_TRUE(has_module("pkg.fast", files_at({"pkg/fast.abi3.so"})));
  EXPECT_TRUE(has_module("fast", files_at({"fast.so"})));
}

// Python 3 imports a folder without __init__.py as a namespace package.
TEST(ModuleCheck, namespace_package_folder_is_found)
{
  EXPECT_TRUE(has_module("shop", files_at({"shop/web/wsgi.py"})));
}

TEST(ModuleCheck, look_alike_names_are_not_the_module)
{
  for (std::string path : {"apps.py",
                           "app.pyc",
                           "app.py.bak",
                           "my_app.py",
                           "lib/app.py",
                           "app.txt",
                           "app.x/y.so",
                           "App.py"}) {
    EXPECT_FALSE(has_module("app", files_at({path}))) << path;
  }
}

TEST(ModuleCheck, missing_module_is_an_error_saying_what_was_looked_for)
{
  EXPECT_EQ(module_error("nothere", {"app.py"}),
            "function.module 'nothere' is not in the package (no "
            "'nothere.py' or 'nothere/__init__.py' in '/work/shop'); check "
            "'module' in slam.yaml and package.exclude");
  EXPECT_EQ(module_error("shop.web.wsgi", {"shop/__init__.py"}),
            "function.module 'shop.web.wsgi' is not in the package (no "
            "'shop/web/wsgi.py' or 'shop/web/wsgi/__init__.py' in "
            "'/work/shop'); check 'module' in slam.yaml and package.exclude");
}

TEST(ModuleCheck, present_module_is_no_error)
{
  EXPECT_EQ(module_error("app", {"app.py"}), "");
  EXPECT_EQ(module_error("shop.wsgi", {"shop/wsgi.py"}), "");
}
