#include "package_test_support.hpp"
#include "slam/config/config.hpp"
#include "slam/package/file_stamp.hpp"
#include "slam/package/project_files.hpp"
#include "slam/util/error.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using slam::package::folder_files;
using slam::package::project_files;
using slam::test::write_file;

namespace {

std::vector<std::string>
paths(const std::vector<slam::package::PackageFile>& files)
{
  std::vector<std::string> result;
  for (const auto& file : files) {
    result.push_back(file.path);
  }
  return result;
}

// Return the lines of TEXT, sorted.
std::vector<std::string> sorted_lines(const std::string& text)
{
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

// Return the error message of project_files(ROOT), or "" when none.
std::string walk_error(const fs::path& root)
{
  try {
    project_files(root, {});
  } catch (const slam::Error& error) {
    return error.what();
  }
  return "";
}

} // namespace

TEST(ProjectFiles, lists_files_sorted_with_relative_paths)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "app");
  write_file(root / "pkg/__init__.py", "");
  write_file(root / "pkg/sub/mod.py", "mod");
  write_file(root / "bin/tool", "#!/bin/sh\n", fs::perms(0755));
  fs::create_directories(root / "empty");

  auto files = project_files(root, {});

  std::vector<slam::package::PackageFile> expected{
      {"app.py", root / "app.py", false},
      {"bin/tool", root / "bin/tool", true},
      {"pkg/__init__.py", root / "pkg/__init__.py", false},
      {"pkg/sub/mod.py", root / "pkg/sub/mod.py", false},
  };
  // The walk sees the project through its canonical path.
  for (auto& file : expected) {
    file.source = fs::canonical(root) / file.source.lexically_relative(root);
  }
  EXPECT_EQ(files, expected);
}

TEST(ProjectFiles, default_excludes_leave_out_tooling_silently)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "");
  for (auto path : {".git/HEAD",
                    ".slam/old.zip",
                    "__pycache__/app.cpython-311.pyc",
                    "pkg/__pycache__/m.pyc",
                    "pkg/stale.pyc",
                    ".venv/bin/python",
                    "venv/lib/site.py",
                    "env/pyvenv.cfg", // any folder with pyvenv.cfg
                    "env/lib/site.py",
                    ".pytest_cache/v",
                    ".mypy_cache/v",
                    ".tox/v",
                    ".nox/v",
                    ".ruff_cache/v",
                    "web/node_modules/x.js",
                    ".idea/workspace.xml",
                    ".vscode/settings.json",
                    "app.egg-info/PKG-INFO",
                    "lambda_package.20200101_120000.zip"}) {
    write_file(root / path, "x");
  }
  write_file(root / "pkg/mod.py", "");

  testing::internal::CaptureStderr();
  auto files = project_files(root, {});
  auto warnings = testing::internal::GetCapturedStderr();

  EXPECT_EQ(paths(files), (std::vector<std::string>{"app.py", "pkg/mod.py"}));
  EXPECT_EQ(warnings, "");
}

TEST(ProjectFiles, credential_files_are_left_out_with_a_warning_each)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "");
  write_file(root / ".aws/credentials", "secret");
  write_file(root / ".env", "SECRET=1");
  write_file(root / "conf/.env.prod", "SECRET=1");
  write_file(root / "certs/site.pem", "pem");
  write_file(root / "certs/site.key", "key");
  write_file(root / "id_rsa", "key");
  write_file(root / "keys/id_ed25519.pub", "key");
  for (auto path : {".envrc",
                    ".netrc",
                    ".pgpass",
                    ".pypirc",
                    "web/.npmrc",
                    ".git-credentials",
                    "certs/client.p12",
                    "certs/client.pfx",
                    "id_ecdsa",
                    "id_dsa.pub"}) {
    write_file(root / path, "secret");
  }

  testing::internal::CaptureStderr();
  auto files = project_files(root, {});
  auto warnings = testing::internal::GetCapturedStderr();

  EXPECT_EQ(paths(files), (std::vector<std::string>{"app.py"}));
  for (auto path : {".aws",
                    ".env",
                    "conf/.env.prod",
                    "certs/site.pem",
                    "certs/site.key",
                    "id_rsa",
                    "keys/id_ed25519.pub",
                    ".envrc",
                    ".netrc",
                    ".pgpass",
                    ".pypirc",
                    "web/.npmrc",
                    ".git-credentials",
                    "certs/client.p12",
                    "certs/client.pfx",
                    "id_ecdsa",
                    "id_dsa.pub"}) {
    auto line = "slam: warning: leaving '" + std::string(path) +
                "' out of the package: it may hold credentials\n";
    EXPECT_NE(warnings.find(line), std::string::npos) << path;
  }
  EXPECT_EQ(std::count(warnings.begin(), warnings.end(), '\n'), 17);
}

TEST(ProjectFiles, user_globs_and_skipped_paths_are_left_out)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  for (auto path : {"app.py",
                    "README.md",
                    "docs/guide.md",
                    "docs/img.png",
                    "tests/test_app.py",
                    "pkg/tests/test_mod.py",
                    "pkg/mod.py",
                    "slam.yaml"}) {
    write_file(root / path, "x");
  }

  auto files =
      project_files(root, {"*.md", "tests/", "/docs/*.png"}, {"slam.yaml"});

  EXPECT_EQ(paths(files), (std::vector<std::string>{"app.py", "pkg/mod.py"}));
}

// The config file stays out; package.exclude applies.
TEST(ProjectFiles, project_files_of_a_config_skip_the_config_file)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "x");
  write_file(root / "notes.txt", "x");
  write_file(root / "slam.yaml", "name: x\n");
  write_file(root / "conf/slam.yaml", "not the config\n");
  slam::config::Config config;
  config.project_dir = root;
  config.file = root / "slam.yaml";
  config.package.exclude = {"*.txt"};

  EXPECT_EQ(paths(project_files(config)),
            (std::vector<std::string>{"app.py", "conf/slam.yaml"}));
}

TEST(ProjectFiles, symlinks_inside_the_project_are_followed)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "shared/util.py", "u");
  write_file(root / "tool.sh", "#!/bin/sh\n", fs::perms(0755));
  fs::create_directory_symlink("shared", root / "linked");
  fs::create_symlink("shared/util.py", root / "util.py");
  fs::create_symlink("tool.sh", root / "tool");

  auto files = project_files(root, {});

  auto canonical = fs::canonical(root);
  std::vector<slam::package::PackageFile> expected{
      {"linked/util.py", canonical / "linked/util.py", false},
      {"shared/util.py", canonical / "shared/util.py", false},
      {"tool", canonical / "tool", true},
      {"tool.sh", canonical / "tool.sh", true},
      {"util.py", canonical / "util.py", false},
  };
  EXPECT_EQ(files, expected);
}

// Otherwise a link would ship a secret under an innocent name.
TEST(ProjectFiles, symlinks_to_credentials_are_left_out_with_a_warning_each)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "x");
  write_file(root / ".env", "AWS_SECRET=hunter2");
  write_file(root / ".aws/credentials", "k");
  write_file(root / "conf/.netrc", "machine x password y");
  fs::create_symlink(".env", root / "settings.cfg");
  fs::create_directory_symlink(".aws", root / "awsconf");
  fs::create_symlink(".aws/credentials", root / "keys.txt");
  fs::create_directories(root / "pkg");
  fs::create_symlink("../conf/.netrc", root / "pkg/netrc.txt");
  fs::create_directory_symlink("conf", root / "linked");

  testing::internal::CaptureStderr();
  auto files = project_files(root, {});
  auto warnings = sorted_lines(testing::internal::GetCapturedStderr());

  EXPECT_EQ(paths(files), (std::vector<std::string>{"app.py"}));
  std::string prefix = "slam: warning: leaving '";
  EXPECT_EQ(warnings,
            (std::vector<std::string>{
                prefix + ".aws' out of the package: it may hold credentials",
                prefix + ".env' out of the package: it may hold credentials",
                prefix + "awsconf' out of the package: it links to '.aws', "
                         "which may hold credentials",
                prefix + "conf/.netrc' out of the package: it may hold "
                         "credentials",
                prefix + "keys.txt' out of the package: it links to "
                         "'.aws/credentials', which may hold credentials",
                prefix + "linked/.netrc' out of the package: it may hold "
                         "credentials",
                prefix + "pkg/netrc.txt' out of the package: it links to "
                         "'conf/.netrc', which may hold credentials",
                prefix + "settings.cfg' out of the package: it links to "
                         "'.env', which may hold credentials",
            }));
}

// A remote URL in .git/config may carry a token.
TEST(ProjectFiles, symlinks_into_version_control_data_are_left_out)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "x");
  write_file(root / ".git/config", "url = https://token@example.com/x");
  write_file(root / "shared/util.py", "u");
  fs::create_symlink(".git/config", root / "git.cfg");
  fs::create_directory_symlink(".git", root / "repo");
  fs::create_symlink("shared/util.py", root / "util.py");

  testing::internal::CaptureStderr();
  auto files = project_files(root, {});
  auto warnings = testing::internal::GetCapturedStderr();

  EXPECT_EQ(paths(files),
            (std::vector<std::string>{"app.py", "shared/util.py", "util.py"}));
  EXPECT_EQ(warnings,
            "leaving 'git.cfg' out of the package: it links to '.git/config', "
            "which a default exclude leaves out\n"
            "leaving 'repo' out of the package: it links to '.git', which a "
            "default exclude leaves out\n");
}

// A link must not bring in what the rules leave out: earlier packages,
// tooling, what package.exclude or .slamignore names.
TEST(ProjectFiles, symlinks_to_excluded_entries_are_left_out_with_a_note)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "x");
  write_file(root / ".slam/t.zip", "zip");
  write_file(root / "node_modules/x/i.js", "js");
  write_file(root / "secret.cfg", "password");
  write_file(root / "private/key.txt", "k");
  write_file(root / "notes.txt", "n");
  write_file(root / "src/conf/local.py", "l");
  write_file(root / "src/ok.py", "o");
  write_file(root / ".slamignore",
             "# keep home\nsecret.cfg\nprivate/\n/src/conf\n");
  fs::create_directory_symlink(".slam", root / "slamlink");
  fs::create_directory_symlink("node_modules", root / "nm");
  fs::create_symlink("secret.cfg", root / "alias.cfg");
  fs::create_directory_symlink("private", root / "pub");
  fs::create_symlink("notes.txt", root / "readme");
  fs::create_directory_symlink("src", root / "code");

  testing::internal::CaptureStderr();
  auto files = project_files(root, {"notes.txt"});
  auto notes = testing::internal::GetCapturedStderr();

  EXPECT_EQ(paths(files),
            (std::vector<std::string>{"app.py", "code/ok.py", "src/ok.py"}));
  EXPECT_EQ(sorted_lines(notes),
            (std::vector<std::string>{
                "leaving 'alias.cfg' out of the package: it links to "
                "'secret.cfg', which .slamignore:2 leaves out",
                "leaving 'code/conf' out of the package: it is 'src/conf' "
                "through a symlink, which .slamignore:4 leaves out",
                "leaving 'nm' out of the package: it links to 'node_modules', "
                "which a default exclude leaves out",
                "leaving 'pub' out of the package: it links to 'private', "
                "which .slamignore:3 leaves out",
                "leaving 'readme' out of the package: it links to "
                "'notes.txt', which package.exclude 'notes.txt' leaves out",
                "leaving 'slamlink' out of the package: it links to '.slam', "
                "in Slam's build folder",
            }));
}

// Even re-included by a negation, Slam's build folder stays out.
TEST(ProjectFiles, symlink_into_the_build_folder_is_always_left_out)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "x");
  write_file(root / ".slam/t.zip", "zip");
  write_file(root / ".slamignore", "!.slam\n");
  fs::create_symlink(".slam/t.zip", root / "t.zip");

  testing::internal::CaptureStderr();
  auto files = project_files(root, {});
  testing::internal::GetCapturedStderr();

  EXPECT_EQ(paths(files), (std::vector<std::string>{".slam/t.zip", "app.py"}));
}

TEST(ProjectFiles, name_that_is_not_utf8_is_refused)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "x");
  write_file(root / "data/bad\xff.txt", "x");

  EXPECT_EQ(walk_error(root),
            "cannot package 'data/bad\\xff.txt': its name is not valid "
            "UTF-8, which zip readers such as Python's cannot decode; "
            "rename it or add it to package.exclude");
}

TEST(ProjectFiles, folder_name_that_is_not_utf8_is_refused)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "caf\xe9/mod.py", "x");

  EXPECT_EQ(walk_error(root),
            "cannot package 'caf\\xe9': its name is not valid UTF-8, which "
            "zip readers such as Python's cannot decode; rename it or add it "
            "to package.exclude");
}

// The error says how to go on; excluding the file does.
TEST(ProjectFiles, excluded_name_that_is_not_utf8_is_ignored)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "x");
  write_file(root / "bad\xff.txt", "x");
  write_file(root / "caf\xc3\xa9.py", "x");

  EXPECT_EQ(paths(project_files(root, {"bad*.txt"})),
            (std::vector<std::string>{"app.py", "caf\xc3\xa9.py"}));
}

TEST(ProjectFiles, symlink_outside_the_project_is_refused)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_file(root / "app.py", "x");
  write_file(dir.path() / "outside/secret.txt", "x");
  fs::create_directory_symlink("../outside", root / "ext");

  EXPECT_EQ(walk_error(root),
            "symlink 'ext' points outside the project, to '" +
                fs::canonical(dir.path() / "outside").string() +
                "'; copy what it points to into the project, or add 'ext' to "
                "package.exclude");
}

// The error says how to go on; excluding the link does.
TEST(ProjectFiles, excluded_symlink_outside_the_project_is_ignored)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "project";
  write_file(root / "app.py", "x");
  write_file(dir.path() / "outside.txt", "x");
  fs::create_symlink("../outside.txt", root / "ext.txt");

  EXPECT_EQ(paths(project_files(root, {"ext.txt"})),
            (std::vector<std::string>{"app.py"}));
}

TEST(ProjectFiles, symlink_to_a_containing_folder_is_refused)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "pkg/mod.py", "x");
  fs::create_directory_symlink("..", root / "pkg/loop");

  EXPECT_EQ(walk_error(root),
            "symlink 'pkg/loop' points to a folder that contains it, which "
            "would make the package endless; remove it or add it to "
            "package.exclude");
}

TEST(ProjectFiles, broken_symlink_is_skipped_with_a_warning)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "x");
  fs::create_symlink("user@host.1234", root / ".#app.py");

  testing::internal::CaptureStderr();
  auto files = project_files(root, {});
  auto warnings = testing::internal::GetCapturedStderr();

  EXPECT_EQ(paths(files), (std::vector<std::string>{"app.py"}));
  EXPECT_EQ(warnings, "slam: warning: skipping '.#app.py': a broken symlink\n");
}

TEST(ProjectFiles, missing_project_folder_is_an_error)
{
  slam::test::TempDir dir;

  EXPECT_THROW(project_files(dir.path() / "nope", {}), slam::Error);
}

TEST(ProjectFiles, folder_files_refuse_a_name_that_is_not_utf8)
{
  slam::test::TempDir dir;
  write_file(dir.path() / "deps/bad\xff.py", "x");

  try {
    folder_files(dir.path() / "deps");
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "cannot package 'bad\\xff.py': its name is not valid UTF-8, "
              "which zip readers such as Python's cannot decode; rename it");
  }
}

// Slam's own folders (installed dependencies) go in whole, links and all.
TEST(ProjectFiles, folder_files_keep_everything_and_follow_any_symlink)
{
  slam::test::TempDir dir;
  auto root = dir.path() / "deps";
  write_file(root / "flask/__init__.py", "x");
  write_file(root / "flask/__pycache__/x.pyc", "x");
  write_file(root / ".env", "x");
  write_file(dir.path() / "elsewhere/six.py", "x");
  fs::create_symlink("../elsewhere/six.py", root / "six.py");

  EXPECT_EQ(
      paths(folder_files(root)),
      (std::vector<std::string>{
          ".env", "flask/__init__.py", "flask/__pycache__/x.pyc", "six.py"}));
}

TEST(ProjectFiles, loop_of_symlinks_is_refused)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "x");
  fs::create_symlink("b.py", root / "a.py");
  fs::create_symlink("a.py", root / "b.py");

  EXPECT_EQ(walk_error(root),
            "symlink 'a.py' is part of a loop of links that never reaches a "
            "file; remove it or add it to package.exclude");
  EXPECT_EQ(paths(project_files(root, {"[ab].py"})),
            (std::vector<std::string>{"app.py"}));
}

// Two folders linking to each other: the walk stops at the second visit.
TEST(ProjectFiles, folders_linking_to_each_other_are_refused)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "one/a.py", "x");
  write_file(root / "two/b.py", "x");
  fs::create_directory_symlink("../two", root / "one/to_two");
  fs::create_directory_symlink("../one", root / "two/to_one");

  EXPECT_EQ(walk_error(root),
            "symlink 'one/to_two/to_one' points to a folder that contains "
            "it, which would make the package endless; remove it or add it "
            "to package.exclude");
}

TEST(ProjectFiles, slamignore_excludes_with_gitignore_rules)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  for (auto path : {"app.py",
                    "debug.log",
                    "logs/keep.log",
                    "logs/old.log",
                    "build/out.py",
                    "src/build",
                    "todo.txt",
                    "docs/todo.txt",
                    "docs/guide.md",
                    "docs/api/ref.md",
                    "data/big.csv",
                    "data/sub/huge.csv",
                    "pkg/fixtures/a.json",
                    "pkg/deep/fixtures/b.json",
                    "pkg/a/b/c/snap.bin",
                    "#notes",
                    "kept.tmp"}) {
    write_file(root / path, "x");
  }
  write_file(root / ".slamignore",
             "# comments and blank lines are skipped\n"
             "\n"
             "*.log\n"
             "!logs/keep.log\n"
             "build/\n"
             "/todo.txt\n"
             "docs/*.md\n"
             "data/**\n"
             "**/fixtures\n"
             "pkg/**/snap.bin\n"
             "\\#notes\n"
             "*.tmp   \n"
             "!kept.tmp\n");

  EXPECT_EQ(paths(project_files(root, {})),
            (std::vector<std::string>{"app.py",
                                      "docs/api/ref.md",
                                      "docs/todo.txt",
                                      "kept.tmp",
                                      "logs/keep.log",
                                      "src/build"}));
}

// As in git: the folder's files are never looked at, so a negation of
// one of them has nothing to re-include.
TEST(ProjectFiles, slamignore_cannot_re_include_a_file_of_an_excluded_folder)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "x");
  write_file(root / "assets/logo.png", "x");
  write_file(root / "assets/keep.png", "x");
  write_file(root / ".slamignore", "assets/\n!assets/keep.png\n");

  EXPECT_EQ(paths(project_files(root, {})),
            (std::vector<std::string>{"app.py"}));
}

TEST(ProjectFiles, slamignore_negation_re_includes_default_excludes)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "x");
  write_file(root / "certs/public.pem", "cert");
  write_file(root / "certs/private.pem", "key");
  write_file(root / "venv/lib.py", "x");
  write_file(root / "docs/notes.txt", "x");
  write_file(root / ".slamignore", "!public.pem\n!/venv/\n!docs/notes.txt\n");

  testing::internal::CaptureStderr();
  auto files = project_files(root, {"docs/"});
  auto warnings = testing::internal::GetCapturedStderr();

  // docs/ is excluded as a folder, so its file cannot come back.
  EXPECT_EQ(
      paths(files),
      (std::vector<std::string>{"app.py", "certs/public.pem", "venv/lib.py"}));
  EXPECT_EQ(warnings,
            "slam: warning: leaving 'certs/private.pem' out of the package: "
            "it may hold credentials\n");
}

TEST(ProjectFiles, slamignore_negation_allows_a_link_to_a_credential)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "x");
  write_file(root / "certs/ca.pem", "cert");
  fs::create_symlink("certs/ca.pem", root / "ca-bundle.crt");
  write_file(root / ".slamignore", "!ca.pem\n");

  testing::internal::CaptureStderr();
  auto files = project_files(root, {});
  auto warnings = testing::internal::GetCapturedStderr();

  EXPECT_EQ(
      paths(files),
      (std::vector<std::string>{"app.py", "ca-bundle.crt", "certs/ca.pem"}));
  EXPECT_EQ(warnings, "");
}

TEST(ProjectFiles, more_credential_names_are_left_out_with_a_warning)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "x");
  write_file(root / "conf/credentials", "k");
  write_file(root / "conf/credentials.json", "k");
  write_file(root / "keys/server.ppk", "k");
  write_file(root / "credentials/__init__.py", "x"); // a package, kept

  testing::internal::CaptureStderr();
  auto files = project_files(root, {});
  auto warnings = testing::internal::GetCapturedStderr();

  EXPECT_EQ(paths(files),
            (std::vector<std::string>{"app.py", "credentials/__init__.py"}));
  EXPECT_EQ(sorted_lines(warnings),
            (std::vector<std::string>{
                "slam: warning: leaving 'conf/credentials' out of the "
                "package: it may hold credentials",
                "slam: warning: leaving 'conf/credentials.json' out of the "
                "package: it may hold credentials",
                "slam: warning: leaving 'keys/server.ppk' out of the "
                "package: it may hold credentials",
            }));
}

TEST(ProjectFiles, credential_folders_and_capitals_are_left_out_whole)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "x");
  write_file(root / ".ENV", "k");
  write_file(root / "X.PEM", "k");
  write_file(root / ".env.d/file", "k");
  write_file(root / "dir.pem/inside.txt", "k");

  testing::internal::CaptureStderr();
  auto files = project_files(root, {});
  auto warnings = testing::internal::GetCapturedStderr();

  EXPECT_EQ(paths(files), (std::vector<std::string>{"app.py"}));
  EXPECT_EQ(sorted_lines(warnings),
            (std::vector<std::string>{
                "slam: warning: leaving '.ENV' out of the package: it may "
                "hold credentials",
                "slam: warning: leaving '.env.d' out of the package: it may "
                "hold credentials",
                "slam: warning: leaving 'X.PEM' out of the package: it may "
                "hold credentials",
                "slam: warning: leaving 'dir.pem' out of the package: it may "
                "hold credentials",
            }));
}

TEST(ProjectFiles, slamignore_itself_stays_out_of_the_package)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "x");
  write_file(root / "sub/.slamignore", "x");
  write_file(root / ".slamignore", "# nothing\n");

  EXPECT_EQ(paths(project_files(root, {})),
            (std::vector<std::string>{"app.py", "sub/.slamignore"}));
}

TEST(ProjectFiles, malformed_slamignore_line_is_an_error_naming_it)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "x");
  write_file(root / ".slamignore", "*.log\nreport[12.csv\n");

  EXPECT_EQ(walk_error(root),
            (root / ".slamignore").string() +
                ":2:7: unterminated '[' in 'report[12.csv'; close it with "
                "']', or write '\\[' for a literal '['");
}

// A build stats each file once: the listing's stamp is the one it packs.
TEST(ProjectFiles, each_file_carries_its_stamp_from_the_listing)
{
  slam::test::TempDir dir;
  auto root = dir.path();
  write_file(root / "app.py", "app");
  write_file(root / "pkg/mod.py", "mod");

  auto files = project_files(root, {});

  ASSERT_EQ(files.size(), 2u);
  for (const auto& file : files) {
    ASSERT_TRUE(file.stamp) << file.path;
    EXPECT_EQ(*file.stamp, slam::package::file_stamp(file.source)) << file.path;
  }
}
