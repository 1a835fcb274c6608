#include "slam/util/embedded.hpp"
#include "slam/util/files.hpp"
#include "source_dir.hpp"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path k_runtime_dir = slam::test::source_dir() / "runtime";

// Return what cmake/embed.cmake must have embedded: the handler, then
// every module of runtime/slam_adapter/ sorted by name.
std::vector<std::string> runtime_file_names()
{
  std::vector<std::string> adapter;
  for (const auto& entry :
       fs::directory_iterator(k_runtime_dir / "slam_adapter")) {
    if (entry.is_regular_file() && entry.path().extension() == ".py") {
      adapter.push_back("slam_adapter/" + entry.path().filename().string());
    }
  }
  std::sort(adapter.begin(), adapter.end());
  adapter.insert(adapter.begin(), "slam_handler.py");
  return adapter;
}

} // namespace

// The binary carries the runtime as it is in the source tree, each file
// under its path relative to runtime/.
TEST(Embedded, runtime_files_are_the_handler_and_the_adapter_modules)
{
  std::vector<std::string> names;
  for (const auto& file : slam::util::embedded_files()) {
    names.emplace_back(file.name);
    EXPECT_EQ(file.content, slam::util::read_file(k_runtime_dir / file.name))
        << file.name;
  }

  EXPECT_EQ(names, runtime_file_names());
  EXPECT_NE(std::find(names.begin(), names.end(), "slam_adapter/__init__.py"),
            names.end());
}

TEST(Embedded, file_is_found_by_its_relative_path)
{
  EXPECT_EQ(slam::util::embedded_file("slam_adapter/__init__.py"),
            slam::util::read_file(k_runtime_dir / "slam_adapter/__init__.py"));
  EXPECT_THROW(slam::util::embedded_file("__init__.py"), std::logic_error);
}

// The local runtime is embedded apart: it never joins the package's files.
TEST(Embedded, local_runtime_is_the_bootstrap_alone)
{
  const auto& files = slam::util::local_runtime_files();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].name, "slam_bootstrap.py");
  EXPECT_EQ(files[0].content,
            slam::util::read_file(k_runtime_dir / "slam_bootstrap.py"));
  EXPECT_EQ(slam::util::embedded_file("slam_bootstrap.py"), files[0].content);
}
