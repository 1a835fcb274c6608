#include "slam/package/runtime_files.hpp"
#include "slam/util/embedded.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>
#include <string>

using slam::package::check_reserved_names;
using slam::package::PackageFile;

namespace {

// Return the message check_reserved_names throws for a file at PATH, or
// "" when it throws none.
std::string reserved_error(const std::string& path)
{
  try {
    check_reserved_names({PackageFile{path, "/src/" + path, false}});
  } catch (const slam::Error& error) {
    return error.what();
  }
  return "";
}

} // namespace

TEST(RuntimeFiles, entries_are_the_embedded_files_at_the_root)
{
  auto entries = slam::package::runtime_entries();

  ASSERT_EQ(entries.size(), slam::util::embedded_files().size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& file = slam::util::embedded_files()[i];
    EXPECT_EQ(entries[i],
              slam::package::compress_entry(
                  std::string(file.name), file.content, false));
  }
}

// Every clash is reported at once, each reserved root entry once.
TEST(RuntimeFiles, every_reserved_name_clash_is_listed)
{
  try {
    check_reserved_names({{"app.py", "/src/app.py", false},
                          {"slam_adapter/a.py", "/src/slam_adapter/a.py"},
                          {"slam_adapter/b.py", "/src/slam_adapter/b.py"},
                          {"slam_config.json", "/src/slam_config.json"},
                          {"slam_handler.py", "/src/slam_handler.py"}});
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_STREQ(error.what(),
                 "3 files clash with Slam's own in the package:\n"
                 "  '/src/slam_adapter/a.py' would replace Slam's own "
                 "'slam_adapter/' in the package; rename the folder or add "
                 "'/slam_adapter' to package.exclude\n"
                 "  '/src/slam_config.json' would replace Slam's own "
                 "'slam_config.json' in the package; rename it or add "
                 "'/slam_config.json' to package.exclude\n"
                 "  '/src/slam_handler.py' would replace Slam's own "
                 "'slam_handler.py' in the package; rename it or add "
                 "'/slam_handler.py' to package.exclude");
  }
}

TEST(RuntimeFiles, slam_files_at_the_root_are_reserved)
{
  EXPECT_EQ(reserved_error("slam_handler.py"),
            "'/src/slam_handler.py' would replace Slam's own "
            "'slam_handler.py' in the package; rename it or add "
            "'/slam_handler.py' to package.exclude");
  EXPECT_EQ(reserved_error("slam_config.json"),
            "'/src/slam_config.json' would replace Slam's own "
            "'slam_config.json' in the package; rename it or add "
            "'/slam_config.json' to package.exclude");
  EXPECT_EQ(reserved_error("slam_adapter"),
            "'/src/slam_adapter' would replace Slam's own 'slam_adapter/' in "
            "the package; rename it or add '/slam_adapter' to "
            "package.exclude");
  for (auto path : {"slam_adapter/__init__.py",
                    "slam_adapter/events.py",
                    "slam_adapter/data/x.txt"}) {
    EXPECT_EQ(reserved_error(path),
              "'/src/" + std::string(path) +
                  "' would replace Slam's own 'slam_adapter/' in the "
                  "package; rename the folder or add '/slam_adapter' to "
                  "package.exclude");
  }
}

TEST(RuntimeFiles, python_modules_of_slams_names_are_reserved)
{
  EXPECT_EQ(reserved_error("slam_handler/__init__.py"),
            "'/src/slam_handler/__init__.py' would be imported as Python's "
            "'slam_handler', the name of Slam's own module in the package; "
            "rename it or add '/slam_handler/' to package.exclude");
  for (auto path : {"slam_adapter.py",
                    "slam_adapter.pyc",
                    "slam_handler.cpython-312-x86_64-linux-gnu.so"}) {
    EXPECT_NE(reserved_error(path), "") << path;
  }
}

TEST(RuntimeFiles, other_names_are_free)
{
  for (auto path : {"app.py",
                    "slam_adapters/__init__.py",
                    "slam_adapter_extra.py",
                    "slam_handler.txt",
                    "slam_adapter.json",
                    "pkg/slam_adapter/__init__.py",
                    "pkg/slam_handler.py",
                    "pkg/slam_config.json"}) {
    EXPECT_EQ(reserved_error(path), "") << path;
  }
}
