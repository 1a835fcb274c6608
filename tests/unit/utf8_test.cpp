#include "slam/util/utf8.hpp"

#include <gtest/gtest.h>

using slam::util::is_valid_utf8;

// Well-formed text of every sequence length passes.
TEST(Utf8, accepts_well_formed_text)
{
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_TRUE(is_valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
}

// Stray, truncated, overlong, surrogate and too-large forms fail.
TEST(Utf8, refuses_malformed_text)
{
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("\xc3"));
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));
  EXPECT_FALSE(is_valid_utf8("\xe0\x80\xaf"));
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("a\x80"));
}

// Bytes that cannot be shown are escaped for messages.
TEST(Utf8, escape_bytes_shows_unprintables)
{
  EXPECT_EQ(slam::util::escape_bytes("bad\xff.txt\n\\"),
            "bad\\xff.txt\\x0a\\x5c");
}
