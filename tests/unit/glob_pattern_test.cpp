#include "slam/util/glob_pattern.hpp"

#include <gtest/gtest.h>
#include <optional>

using slam::util::GlobPattern;
using slam::util::GlobProblem;

TEST(GlobPattern, problems_name_the_position)
{
  EXPECT_EQ(GlobPattern("*.py").problem(), std::nullopt);
  EXPECT_EQ(GlobPattern("[]a]\\[x").problem(), std::nullopt);
  EXPECT_EQ(GlobPattern("ab[c").problem(),
            (GlobProblem{2,
                         "unterminated '['",
                         "close it with ']', or write '\\[' for a literal "
                         "'['"}));
  EXPECT_EQ(GlobPattern("a\\").problem(),
            (GlobProblem{1,
                         "lone '\\' at the end",
                         "write '\\\\' for a literal backslash"}));
  EXPECT_EQ(GlobPattern("x[[:word:]]").problem()->position, 1u);
}
