#include "package_test_support.hpp"
#include "slam/package/ignore_rules.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

using slam::package::IgnorePattern;
using slam::package::IgnoreRules;
using slam::package::IgnoreVerdict;
using slam::package::parse_ignore_line;
namespace fs = std::filesystem;

namespace {

struct Case
{
  std::string pattern; // one .slamignore line
  std::string path;
  bool is_folder;
  bool matches;
};

void expect_all(const std::vector<Case>& cases)
{
  for (const auto& c : cases) {
    auto rules = IgnoreRules::parse(c.pattern, ".slamignore");
    auto expected =
        c.matches ? IgnoreVerdict::ignored : IgnoreVerdict::unmatched;
    EXPECT_EQ(rules.check(c.path, c.is_folder), expected)
        << "'" << c.pattern << "' on " << c.path << (c.is_folder ? "/" : "");
  }
}

// Return the message of the error that parsing TEXT throws, or "".
std::string parse_error(const std::string& text)
{
  try {
    IgnoreRules::parse(text, "proj/.slamignore");
  } catch (const slam::Error& error) {
    return error.what();
  }
  return "";
}

} // namespace

TEST(IgnoreRules, comments_and_blank_lines_are_not_patterns)
{
  auto rules =
      IgnoreRules::parse("# a comment\n\n   \n\r\n#*.py\n", ".slamignore");
  EXPECT_TRUE(rules.patterns().empty());
}

TEST(IgnoreRules, lines_parse_into_patterns)
{
  struct Line
  {
    std::string text;
    IgnorePattern expected;
  };
  std::vector<Line> lines{
      {"*.log", {"*.log", false, false, false}},
      {"!keep.log", {"keep.log", true, false, false}},
      {"build/", {"build", false, true, false}},
      {"/build/", {"build", false, true, true}},
      {"docs/*.md", {"docs/*.md", false, false, true}},
      {"**/cache", {"**/cache", false, false, true}},
      {"a**b", {"a*b", false, false, false}}, // not a whole segment
      {"a/***/b", {"a/**/b", false, false, true}},
      {"\\#notes", {"\\#notes", false, false, false}},
      {"\\!bang", {"\\!bang", false, false, false}},
      {"trail   ", {"trail", false, false, false}},
      {"space\\ ", {"space\\ ", false, false, false}},
      {"crlf\r", {"crlf", false, false, false}},
  };
  for (const auto& line : lines) {
    EXPECT_EQ(parse_ignore_line(line.text, "f:1"), line.expected) << line.text;
  }
}

TEST(IgnoreRules, pattern_without_slash_matches_at_any_depth)
{
  expect_all({
      {"*.log", "debug.log", false, true},
      {"*.log", "logs/deep/debug.log", false, true},
      {"*.log", "debug.log.txt", false, false},
      {"secret", "secret", true, true},
      {"secret", "a/b/secret", false, true},
      {"secret", "secrets", false, false},
  });
}

TEST(IgnoreRules, slash_at_start_or_middle_anchors_to_the_root)
{
  expect_all({
      {"/todo.txt", "todo.txt", false, true},
      {"/todo.txt", "docs/todo.txt", false, false},
      {"docs/*.md", "docs/a.md", false, true},
      {"docs/*.md", "src/docs/a.md", false, false},
      {"docs/*.md", "docs/sub/a.md", false, false}, // '*' stays in a segment
      {"a/b", "a/b", true, true},
      {"a/b", "x/a/b", true, false},
  });
}

TEST(IgnoreRules, trailing_slash_matches_folders_only)
{
  expect_all({
      {"build/", "build", true, true},
      {"build/", "build", false, false},
      {"build/", "src/build", true, true},
      {"/build/", "src/build", true, false},
      {"docs/api/", "docs/api", true, true},
      {"docs/api/", "docs/api", false, false},
  });
}

TEST(IgnoreRules, wildcards_and_classes_follow_fnmatch)
{
  expect_all({
      {"?.py", "a.py", false, true},
      {"?.py", "ab.py", false, false},
      {"[abc].txt", "b.txt", false, true},
      {"[abc].txt", "d.txt", false, false},
      {"[!abc].txt", "d.txt", false, true},
      {"[^abc].txt", "a.txt", false, false},
      {"file[0-9]", "file7", false, true},
      {"file[0-9]", "filex", false, false},
      {"a*b", "a/b", false, false}, // '*' never crosses a '/'
      {"a**b", "aXYb", false, true},
      {"a/**b", "a/x/b", false, false}, // '**' not a segment: a plain '*'
  });
}

TEST(IgnoreRules, double_star_segments_cross_folders)
{
  expect_all({
      // Leading '**/': at any depth, including the root.
      {"**/cache", "cache", true, true},
      {"**/cache", "a/b/cache", true, true},
      {"**/cache", "a/bcache", true, false},
      {"**/a/b", "x/y/a/b", false, true},
      // Trailing '/**': everything inside, not the folder itself.
      {"data/**", "data/x", false, true},
      {"data/**", "data/x/y.csv", false, true},
      {"data/**", "data", true, false},
      {"data/**", "other/data/x", false, false},
      // Middle '/**/': zero or more folders.
      {"a/**/b", "a/b", false, true},
      {"a/**/b", "a/x/b", false, true},
      {"a/**/b", "a/x/y/b", false, true},
      {"a/**/b", "a/xb", false, false},
  });
}

TEST(IgnoreRules, escapes_make_special_characters_literal)
{
  expect_all({
      {"\\#notes", "#notes", false, true},
      {"\\!bang", "!bang", false, true},
      {"\\*", "*", false, true},
      {"\\*", "a", false, false},
      {"\\[x]", "[x]", false, true},
      {"space\\ ", "space ", false, true},
      {"trail  ", "trail", false, true},
  });
}

TEST(IgnoreRules, the_last_matching_pattern_wins)
{
  auto rules = IgnoreRules::parse("*.log\n"
                                  "!keep.log\n"
                                  "/keep.log\n"
                                  "data/\n"
                                  "!data/\n",
                                  ".slamignore");
  EXPECT_EQ(rules.check("debug.log", false), IgnoreVerdict::ignored);
  EXPECT_EQ(rules.check("sub/keep.log", false), IgnoreVerdict::kept);
  EXPECT_EQ(rules.check("keep.log", false), IgnoreVerdict::ignored);
  EXPECT_EQ(rules.check("data", true), IgnoreVerdict::kept);
  EXPECT_EQ(rules.check("app.py", false), IgnoreVerdict::unmatched);
}

TEST(IgnoreRules, malformed_lines_are_errors_with_file_line_and_column)
{
  EXPECT_EQ(parse_error("*.log\n\nfile[0-9\n"),
            "proj/.slamignore:3:5: unterminated '[' in 'file[0-9'; close it "
            "with ']', or write '\\[' for a literal '['");
  EXPECT_EQ(parse_error("!a[\n"),
            "proj/.slamignore:1:3: unterminated '[' in '!a['; close it "
            "with ']', or write '\\[' for a literal '['");
  EXPECT_EQ(parse_error("ok\ndir\\\n"),
            "proj/.slamignore:2:4: lone '\\' at the end in 'dir\\'; write "
            "'\\\\' for a literal backslash");
  EXPECT_EQ(parse_error("x[[:word:]]\n"),
            "proj/.slamignore:1:2: unknown character class '[:word:]' in "
            "'x[[:word:]]'; known are alnum, alpha, blank, cntrl, digit, "
            "graph, lower, print, punct, space, upper, xdigit");
  EXPECT_EQ(parse_error("[]]\n\\[\n[!]]\n[[:alpha:]]\n[\\]]\n"), "");
}

// git ignores a line with no pattern; a warning says why it does nothing.
TEST(IgnoreRules, line_without_a_pattern_is_ignored_with_a_warning)
{
  testing::internal::CaptureStderr();
  auto rules = IgnoreRules::parse("#\n/\n!\n*.log\n", "proj/.slamignore");
  auto warnings = testing::internal::GetCapturedStderr();

  EXPECT_EQ(rules.patterns().size(), 1u);
  EXPECT_EQ(warnings,
            "slam: warning: proj/.slamignore:2: ignoring '/': it has no "
            "pattern\n"
            "slam: warning: proj/.slamignore:3: ignoring '!': it has no "
            "pattern\n");
}

TEST(IgnoreRules, byte_order_mark_is_not_part_of_the_first_pattern)
{
  auto rules = IgnoreRules::parse("\xEF\xBB\xBFsecret.cfg\n", ".slamignore");
  EXPECT_EQ(rules.check("secret.cfg", false), IgnoreVerdict::ignored);
}

TEST(IgnoreRules, posix_classes_match_as_in_git)
{
  expect_all({
      {"[[:alpha:]]*.tmp", "a1.tmp", false, true},
      {"[[:alpha:]]*.tmp", "1a.tmp", false, false},
      {"log[[:digit:]]", "log7", false, true},
      {"log[[:digit:]]", "logs", false, false},
  });
}

TEST(IgnoreRules, folder_named_slamignore_is_an_error)
{
  slam::test::TempDir dir;
  fs::create_directory(dir.path() / ".slamignore");
  try {
    IgnoreRules::read(dir.path() / ".slamignore");
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "'" + (dir.path() / ".slamignore").string() +
                  "' is a folder, but Slam reads .slamignore as a file of "
                  "exclude patterns in gitignore syntax; rename the folder");
  }
}

TEST(IgnoreRules, read_of_a_missing_file_has_no_patterns)
{
  slam::test::TempDir dir;
  EXPECT_TRUE(IgnoreRules::read(dir.path() / ".slamignore").patterns().empty());
  slam::test::write_file(dir.path() / ".slamignore", "*.log\n!a.log\n");
  EXPECT_EQ(IgnoreRules::read(dir.path() / ".slamignore").patterns().size(),
            2u);
}
