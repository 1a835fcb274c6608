#include "slam/util/error.hpp"
#include "slam/util/shell_words.hpp"

#include <gtest/gtest.h>

using slam::util::split_shell_words;
using Words = std::vector<std::string>;

// Blanks separate words; runs of them count once.
TEST(ShellWords, blanks_separate_words)
{
  EXPECT_EQ(split_shell_words("  /opt/bin/creds   --user\thelen \n"),
            (Words{"/opt/bin/creds", "--user", "helen"}));
  EXPECT_EQ(split_shell_words(""), Words{});
  EXPECT_EQ(split_shell_words(" \t "), Words{});
}

// Quotes keep blanks, join with what touches them, and may be empty.
TEST(ShellWords, quotes_keep_blanks_and_join)
{
  EXPECT_EQ(split_shell_words(R"("/opt/my tools/creds" --name "a b"'c d')"),
            (Words{"/opt/my tools/creds", "--name", "a bc d"}));
  EXPECT_EQ(split_shell_words(R"(x "" '')"), (Words{"x", "", ""}));
}

// Single quotes keep backslashes; double quotes drop them only before
// the characters they escape; outside quotes a backslash keeps anything.
TEST(ShellWords, backslashes_follow_the_shell)
{
  EXPECT_EQ(split_shell_words(R"('a\"b' "c\"d\\e\$f\x" g\ h \'i)"),
            (Words{R"(a\"b)", R"(c"d\e$f\x)", "g h", "'i"}));
}

// Nothing is expanded: no variables, no globs, no home folder.
TEST(ShellWords, nothing_is_expanded)
{
  EXPECT_EQ(split_shell_words("echo $HOME ~ *.json $(id)"),
            (Words{"echo", "$HOME", "~", "*.json", "$(id)"}));
}

// An unclosed quote or a lone trailing backslash is an error, not a
// guess.
TEST(ShellWords, unclosed_quote_is_an_error)
{
  EXPECT_THROW(split_shell_words("creds 'oops"), slam::Error);
  EXPECT_THROW(split_shell_words("creds \"oops"), slam::Error);
  EXPECT_THROW(split_shell_words("creds \\"), slam::Error);
}
