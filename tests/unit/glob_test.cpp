#include "slam/package/glob.hpp"

#include <chrono>
#include <gtest/gtest.h>
#include <string>
#include <tuple>
#include <vector>

using slam::package::Glob;
using slam::package::glob_match;

namespace {

struct Case
{
  std::string pattern;
  std::string path;
  bool matches;
};

} // namespace

TEST(Glob, glob_match_follows_fnmatch_rules_within_segments)
{
  std::vector<Case> cases{
      {"*.py", "app.py", true},
      {"*.py", "app.pyc", false},
      {"*.py", "pkg/app.py", false}, // '*' stays in one segment
      {"a?c", "abc", true},
      {"a?c", "a/c", false},
      {"[abc].txt", "b.txt", true},
      {"[abc].txt", "d.txt", false},
      {"[!abc].txt", "d.txt", true},
      {"[a-c]x", "bx", true},
      {"[a-c]x", "dx", false},
      {"[]]", "]", true},
      {"[a", "[a", true}, // unterminated class: a literal '['
      {"\\*", "*", true},
      {"\\*", "a", false},
      {"", "", true},
      {"", "a", false},
      {"exact", "exact", true},
      {"exact", "exactly", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(glob_match(c.pattern, c.path), c.matches)
        << c.pattern << " vs " << c.path;
  }
}

TEST(Glob, globstar_crosses_segments_and_matches_no_folder)
{
  std::vector<Case> cases{
      {"**", "a/b/c", true},
      {"docs/**", "docs/a/b.md", true},
      {"docs/**", "other/a.md", false},
      {"**/test_*.py", "test_app.py", true},
      {"**/test_*.py", "tests/unit/test_app.py", true},
      {"**/test_*.py", "tests/unit/app.py", false},
      {"a/**/b", "a/b", true},
      {"a/**/b", "a/x/y/b", true},
      {"a/**/b", "a/xb", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(glob_match(c.pattern, c.path), c.matches)
        << c.pattern << " vs " << c.path;
  }
}

// Plain patterns match the relative path or the basename.
TEST(Glob, pattern_matches_relative_path_or_basename)
{
  Glob glob("*.md");
  EXPECT_TRUE(glob.matches("README.md", false));
  EXPECT_TRUE(glob.matches("docs/guide.md", false));
  EXPECT_FALSE(glob.matches("docs/guide.txt", false));

  Glob nested("docs/*.md");
  EXPECT_TRUE(nested.matches("docs/guide.md", false));
  EXPECT_FALSE(nested.matches("src/docs/guide.md", false));
  EXPECT_EQ(nested.text(), "docs/*.md");
}

TEST(Glob, leading_slash_anchors_to_the_project_root)
{
  Glob glob("/build");
  EXPECT_TRUE(glob.matches("build", true));
  EXPECT_FALSE(glob.matches("src/build", true));
}

TEST(Glob, trailing_slash_matches_folders_only)
{
  Glob glob("data/");
  EXPECT_TRUE(glob.matches("data", true));
  EXPECT_TRUE(glob.matches("src/data", true));
  EXPECT_FALSE(glob.matches("data", false));
}

TEST(Glob, classes_know_posix_names_and_escapes)
{
  std::vector<Case> cases{
      {"[[:alpha:]]x", "bx", true},
      {"[[:alpha:]]x", "1x", false},
      {"[[:digit:][:upper:]]", "7", true},
      {"[[:digit:][:upper:]]", "Q", true},
      {"[[:digit:][:upper:]]", "q", false},
      {"[![:space:]]", "a", true},
      {"[![:space:]]", " ", false},
      {"[[:xdigit:]][[:punct:]]", "f-", true},
      {"[[:lower:]]", "/", false},
      {"[[:nosuch:]]", "a", false}, // an unknown name matches nothing
      {"[\\]]", "]", true},
      {"[a\\-z]", "-", true},
      {"[a\\-z]", "b", false},
      {"[[:a]", "[", true}, // no ':]': '[' is a plain member
  };
  for (const auto& c : cases) {
    EXPECT_EQ(glob_match(c.pattern, c.path), c.matches)
        << c.pattern << " vs " << c.path;
  }
}

// Backtracking over each '*' took minutes on such names.
TEST(Glob, many_stars_match_long_names_in_polynomial_time)
{
  std::string as(200, 'a');
  std::string dashes;
  for (int i = 0; i < 60; ++i) {
    dashes += "a-";
  }
  std::vector<Case> cases{
      {"*a*a*a*a*a*b", as, false},
      {"*a*a*a*a*a*a", as, true},
      {"**a**a**a**a**b", as, false},
      {"**/*a*a*a*a*/**/b", as + "/" + as + "/c", false},
      {"*-*-*-*-*-*-*.bak", dashes, false},
  };
  auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < 20; ++round) {
    for (const auto& c : cases) {
      EXPECT_EQ(glob_match(c.pattern, c.path), c.matches) << c.pattern;
      EXPECT_EQ(Glob(c.pattern).matches(c.path, false), c.matches);
    }
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}
