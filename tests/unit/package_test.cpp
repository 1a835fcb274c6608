#include "package_test_support.hpp"
#include "slam/config/config.hpp"
#include "slam/package/package.hpp"
#include "slam/util/embedded.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"

#include <algorithm>
#include <chrono>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;
using slam::package::build_with_dependencies;
using slam::test::build_error;
using slam::test::write_file;

namespace {

slam::config::Config make_config(const fs::path& root)
{
  slam::config::Config config;
  config.file = root / "slam.yaml";
  config.project_dir = root;
  config.name = "hello";
  config.module = "app";
  config.app = "app";
  config.interface = slam::config::Interface::wsgi;
  config.environment = {{"GREETING", "hi"}};
  config.stages = {{"dev", {{"DEBUG", "1"}}}, {"prod", {}}};
  config.package.exclude = {"*.md"};
  // What these tests check does not depend on the interpreters of the
  // machine; bytecode has tests of its own.
  config.package.compile = false;
  return config;
}

// Write a small project with things that must stay out of the package.
void write_project(const fs::path& root)
{
  write_file(root / "slam.yaml", "name: hello\n");
  write_file(root / "app.py", "from flask import Flask\napp = Flask('x')\n");
  write_file(root / "pkg/__init__.py", "");
  write_file(root / "pkg/__pycache__/x.cpython-311.pyc", "bytecode");
  write_file(root / "run.sh", "#!/bin/sh\n", fs::perms(0755));
  write_file(root / "README.md", "# hello\n");
  write_file(root / ".git/HEAD", "ref: main\n");
  write_file(root / ".venv/pyvenv.cfg", "home = /usr\n");
}

// Return NAMES plus slam_config.json and every embedded runtime file,
// sorted as in the zip.
json with_slam_files(std::vector<std::string> names)
{
  names.push_back("slam_config.json");
  for (const auto& file : slam::util::embedded_files()) {
    names.emplace_back(file.name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Return the names in ZIP sorted: which entries, not their order in the
// zip (package_tail_test.cpp checks that).
json entry_names(const json& zip)
{
  std::vector<std::string> names;
  for (const auto& entry : zip["entries"]) {
    names.push_back(entry["name"]);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Return the entry NAME of ZIP (as read by Python), or null.
json find_entry(const json& zip, const std::string& name)
{
  for (const auto& entry : zip["entries"]) {
    if (entry["name"] == name) {
      return entry;
    }
  }
  return nullptr;
}

std::string unhex(const std::string& hex)
{
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return bytes;
}

// Set the modification time of every file under ROOT to an hour later.
void touch_all(const fs::path& root)
{
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) {
      fs::last_write_time(entry.path(),
                          fs::last_write_time(entry.path()) +
                              std::chrono::hours(1));
    }
  }
}

} // namespace

TEST(Package, zip_holds_project_files_dependencies_and_runtime)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  write_file(dir.path() / "deps/flask/__init__.py", "flask");
  auto config = make_config(root);

  auto result = build_with_dependencies(config, dir.path() / "deps");

  auto zip = slam::test::read_zip_with_python(result.zip_path);
  EXPECT_EQ(zip["testzip"], nullptr);
  EXPECT_EQ(entry_names(zip),
            with_slam_files(
                {"app.py", "flask/__init__.py", "pkg/__init__.py", "run.sh"}));
  EXPECT_EQ(find_entry(zip, "run.sh")["mode"], "0o100755");
  for (const auto& file : slam::util::embedded_files()) {
    auto entry = find_entry(zip, std::string(file.name));
    EXPECT_EQ(unhex(entry["content_hex"]), file.content) << file.name;
    EXPECT_EQ(entry["mode"], "0o100644") << file.name;
    EXPECT_EQ(entry["date_time"], json({1980, 1, 1, 0, 0, 0})) << file.name;
  }
  EXPECT_EQ(unhex(find_entry(zip, "slam_config.json")["content_hex"]),
            slam::package::handler_config_file(
                slam::package::handler_config(config)));
  EXPECT_EQ(slam::test::test_zip_with_unzip(result.zip_path).first, 0);
}

TEST(Package, result_describes_the_written_zip)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  fs::create_directories(dir.path() / "deps");
  auto config = make_config(root);

  auto result = build_with_dependencies(config, dir.path() / "deps");

  auto bytes = slam::util::read_file(root / ".slam/hello.zip");
  auto config_file =
      slam::package::handler_config_file(slam::package::handler_config(config));
  std::uint64_t unzipped = 41 + 0 + 10 + config_file.size();
  for (const auto& file : slam::util::embedded_files()) {
    unzipped += file.content.size();
  }
  EXPECT_EQ(result.zip_path, root / ".slam/hello.zip");
  EXPECT_EQ(result.sha256, slam::util::sha256_hex(bytes));
  EXPECT_EQ(result.size, bytes.size());
  EXPECT_EQ(result.unzipped_size, unzipped);
  EXPECT_EQ(result.file_count, 4 + slam::util::embedded_files().size());
  EXPECT_FALSE(result.unchanged);
}

// Same input, same bytes; timestamps and the project's location do not
// count.
TEST(Package, builds_of_the_same_input_are_byte_identical)
{
  slam::test::TempDir dir;
  auto first_root = dir.path() / "first";
  auto second_root = dir.path() / "second";
  write_project(first_root);
  write_project(second_root);
  write_file(dir.path() / "deps/six.py", "six");
  touch_all(second_root);

  auto first =
      build_with_dependencies(make_config(first_root), dir.path() / "deps");
  auto again =
      build_with_dependencies(make_config(first_root), dir.path() / "deps");
  auto second =
      build_with_dependencies(make_config(second_root), dir.path() / "deps");

  EXPECT_EQ(again.sha256, first.sha256);
  EXPECT_TRUE(again.unchanged);
  EXPECT_EQ(second.sha256, first.sha256);
  EXPECT_FALSE(second.unchanged);
  EXPECT_EQ(slam::util::read_file(first.zip_path),
            slam::util::read_file(second.zip_path));
}

TEST(Package, changed_content_makes_a_new_zip)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  fs::create_directories(dir.path() / "deps");
  auto config = make_config(root);
  auto first = build_with_dependencies(config, dir.path() / "deps");

  write_file(root / "app.py", "app = None\n");
  auto second = build_with_dependencies(config, dir.path() / "deps");

  EXPECT_NE(second.sha256, first.sha256);
  EXPECT_FALSE(second.unchanged);
  EXPECT_EQ(second.sha256,
            slam::util::sha256_hex(slam::util::read_file(second.zip_path)));
}

// Editing slam.yaml (say lambda_memory) must not change the package.
TEST(Package, config_file_is_not_in_the_package)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  fs::create_directories(dir.path() / "deps");
  auto first = build_with_dependencies(make_config(root), dir.path() / "deps");

  write_file(root / "slam.yaml", "name: hello\naws:\n  lambda_memory: 512\n");
  auto second = build_with_dependencies(make_config(root), dir.path() / "deps");

  EXPECT_TRUE(second.unchanged);
}

TEST(Package, project_file_wins_over_dependency_file_with_a_warning)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  write_file(root / "six.py", "project six");
  write_file(dir.path() / "deps/six.py", "dependency six");
  auto config = make_config(root);

  testing::internal::CaptureStderr();
  auto result = build_with_dependencies(config, dir.path() / "deps");
  auto warnings = testing::internal::GetCapturedStderr();

  auto zip = slam::test::read_zip_with_python(result.zip_path);
  EXPECT_EQ(unhex(find_entry(zip, "six.py")["content_hex"]), "project six");
  EXPECT_EQ(warnings,
            "slam: warning: '" + fs::canonical(root / "six.py").string() +
                "' of the project hides '" +
                fs::canonical(dir.path() / "deps/six.py").string() +
                "' of the dependencies; the package gets the project's\n");
}

TEST(Package, project_file_named_like_the_handler_is_an_error)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  write_file(root / "slam_handler.py", "mine");
  fs::create_directories(dir.path() / "deps");

  try {
    build_with_dependencies(make_config(root), dir.path() / "deps");
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "'" + fs::canonical(root / "slam_handler.py").string() +
                  "' would replace Slam's own 'slam_handler.py' in the "
                  "package; rename it or add '/slam_handler.py' to "
                  "package.exclude");
  }
  EXPECT_FALSE(fs::exists(root / ".slam/hello.zip"));
}

namespace {

std::string missing_module_error(const slam::config::Config& config)
{
  return "function.module '" + config.module + "' is not in the package (no '" +
         config.module + ".py' or '" + config.module + "/__init__.py' in '" +
         config.project_dir.string() +
         "'); check 'module' in slam.yaml and package.exclude";
}

} // namespace

// Every request would fail with an import error; the build fails instead.
TEST(Package, module_not_in_the_project_is_an_error)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  fs::create_directories(dir.path() / "deps");
  auto config = make_config(root);
  config.module = "nothere";

  EXPECT_EQ(build_error(config, dir.path() / "deps"),
            missing_module_error(config));
  EXPECT_FALSE(fs::exists(root / ".slam/hello.zip"));
}

TEST(Package, module_left_out_by_package_exclude_is_an_error)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  fs::create_directories(dir.path() / "deps");
  auto config = make_config(root);

  for (auto exclude : {"*", "app.py", "/*.py"}) {
    config.package.exclude = {exclude};
    EXPECT_EQ(build_error(config, dir.path() / "deps"),
              missing_module_error(config))
        << exclude;
  }
}

TEST(Package, module_in_the_dependencies_is_found)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  write_file(dir.path() / "deps/shop/wsgi.py", "app = None");
  auto config = make_config(root);
  config.module = "shop.wsgi";

  EXPECT_EQ(build_error(config, dir.path() / "deps"), "");
}

TEST(Package, module_as_a_package_folder_is_found)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  fs::create_directories(dir.path() / "deps");
  auto config = make_config(root);
  config.module = "pkg";

  EXPECT_EQ(build_error(config, dir.path() / "deps"), "");
}

// Lambda must import Slam's adapter, not a project's folder of that name.
TEST(Package, project_folder_named_like_the_adapter_is_an_error)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  write_file(root / "slam_adapter/__init__.py", "mine");
  fs::create_directories(dir.path() / "deps");
  auto config = make_config(root);

  EXPECT_EQ(build_error(config, dir.path() / "deps"),
            "'" + fs::canonical(root / "slam_adapter/__init__.py").string() +
                "' would replace Slam's own 'slam_adapter/' in the package; "
                "rename the folder or add '/slam_adapter' to "
                "package.exclude");
  EXPECT_FALSE(fs::exists(root / ".slam/hello.zip"));

  // The way out the message gives works.
  config.package.exclude = {"/slam_adapter"};
  EXPECT_EQ(build_error(config, dir.path() / "deps"), "");
}

TEST(Package, dependency_in_the_adapter_folder_is_an_error)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  write_file(dir.path() / "deps/slam_adapter/extra/x.py", "dep");

  EXPECT_EQ(
      build_error(make_config(root), dir.path() / "deps"),
      "'" +
          fs::canonical(dir.path() / "deps/slam_adapter/extra/x.py").string() +
          "' would replace Slam's own 'slam_adapter/' in the package; "
          "rename the folder or add '/slam_adapter' to "
          "package.exclude");
}

// A file named slam_adapter would stand where the folder goes.
TEST(Package, project_file_named_like_the_adapter_folder_is_an_error)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  write_file(root / "slam_adapter", "data");
  fs::create_directories(dir.path() / "deps");

  EXPECT_EQ(build_error(make_config(root), dir.path() / "deps"),
            "'" + fs::canonical(root / "slam_adapter").string() +
                "' would replace Slam's own 'slam_adapter/' in the package; "
                "rename it or add '/slam_adapter' to package.exclude");
}

// Only the package root is Slam's: the same names deeper down are fine.
TEST(Package, slam_names_below_the_root_are_packaged)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  write_file(root / "pkg/slam_adapter/__init__.py", "");
  write_file(root / "pkg/slam_handler.py", "");
  write_file(root / "slam_adapters.py", "");
  fs::create_directories(dir.path() / "deps");

  auto result = build_with_dependencies(make_config(root), dir.path() / "deps");

  EXPECT_EQ(entry_names(slam::test::read_zip_with_python(result.zip_path)),
            with_slam_files({"app.py",
                             "pkg/__init__.py",
                             "pkg/slam_adapter/__init__.py",
                             "pkg/slam_handler.py",
                             "run.sh",
                             "slam_adapters.py"}));
}

// The tester's repro: a link named settings.cfg to .env, one to .aws.
TEST(Package, symlinks_to_credentials_stay_out_of_the_zip)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  write_file(root / ".env", "AWS_SECRET=hunter2\n");
  write_file(root / ".aws/credentials", "k\n");
  fs::create_symlink(".env", root / "settings.cfg");
  fs::create_directory_symlink(".aws", root / "awsconf");
  fs::create_directories(dir.path() / "deps");

  testing::internal::CaptureStderr();
  auto result = build_with_dependencies(make_config(root), dir.path() / "deps");
  testing::internal::GetCapturedStderr();

  EXPECT_EQ(entry_names(slam::test::read_zip_with_python(result.zip_path)),
            with_slam_files({"app.py", "pkg/__init__.py", "run.sh"}));
}

// Python's zipfile would raise UnicodeDecodeError on the name.
TEST(Package, file_name_that_is_not_utf8_is_an_error)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  write_file(root / "bad\xff.txt", "x");
  fs::create_directories(dir.path() / "deps");

  EXPECT_EQ(build_error(make_config(root), dir.path() / "deps"),
            "cannot package 'bad\\xff.txt': its name is not valid UTF-8, "
            "which zip readers such as Python's cannot decode; rename it or "
            "add it to package.exclude");
  EXPECT_FALSE(fs::exists(root / ".slam/hello.zip"));
}

// Without a requirements file the dependency step adds nothing.
TEST(Package, build_without_requirements_packages_the_project)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  auto config = make_config(root);

  auto result = slam::package::build(config, {});

  auto zip = slam::test::read_zip_with_python(result.zip_path);
  EXPECT_EQ(entry_names(zip),
            with_slam_files({"app.py", "pkg/__init__.py", "run.sh"}));
}

TEST(Package, report_groups_recorded_dependencies_by_distribution)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_project(root);
  auto deps = dir.path() / "deps";
  write_file(deps / "flask/__init__.py", std::string(5000, 'f'));
  write_file(deps / "flask-3.0.0.dist-info/RECORD",
             "flask/__init__.py,,\nflask-3.0.0.dist-info/RECORD,,\n");
  write_file(deps / "loose/mod.py", "x");

  auto result = build_with_dependencies(make_config(root), deps);

  const auto& distributions = result.report.distributions;
  ASSERT_EQ(distributions.size(), 1u);
  EXPECT_EQ(distributions[0].name, "flask 3.0.0");
  EXPECT_EQ(distributions[0].files, 2u);
  std::vector<std::string> folders;
  for (const auto& group : result.report.folders) {
    folders.push_back(group.name);
  }
  std::sort(folders.begin(), folders.end());
  EXPECT_EQ(folders,
            (std::vector<std::string>{
                "(top level)", "loose/", "pkg/", "slam_adapter/"}));
  EXPECT_EQ(result.report.unzipped, result.unzipped_size);
}
