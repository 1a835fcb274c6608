#include "slam/util/utf8.hpp"

#include <gtest/gtest.h>
#include <string>

using slam::util::escape_utf8;
using slam::util::is_valid_utf8;

TEST(Utf8, accepts_ascii_and_well_formed_sequences)
{
  for (std::string text : {"",
                           "app.py",
                           "caf\xc3\xa9.py",      // U+00E9
                           "\xe2\x82\xac",        // U+20AC
                           "\xed\x9f\xbf",        // U+D7FF
                           "\xee\x80\x80",        // U+E000
                           "\xf0\x9f\x90\x8d.py", // U+1F40D
                           "\xf4\x8f\xbf\xbf"}) { // U+10FFFF
    EXPECT_TRUE(is_valid_utf8(text)) << escape_utf8(text);
  }
}

// Python's strict decoder refuses all of these.
TEST(Utf8, refuses_invalid_bytes_overlongs_surrogates_and_big_code_points)
{
  for (std::string text : {"bad\xff.txt",
                           "\x80",             // lone continuation
                           "caf\xc3",          // cut short
                           "\xc3(",            // bad continuation
                           "\xc0\xaf",         // overlong '/'
                           "\xe0\x80\xaf",     // overlong '/'
                           "\xf0\x80\x80\xaf", // overlong '/'
                           "\xed\xa0\x80",     // surrogate U+D800
                           "\xf4\x90\x80\x80", // U+110000
                           "\xf5\x80\x80\x80", // no such lead byte
                           "\xe2\x82"}) {      // cut short
    EXPECT_FALSE(is_valid_utf8(text)) << escape_utf8(text);
  }
}

TEST(Utf8, escape_writes_invalid_bytes_and_controls_as_hex)
{
  EXPECT_EQ(escape_utf8("bad\xff.txt"), "bad\\xff.txt");
  EXPECT_EQ(escape_utf8("caf\xc3\xa9\xc3"), "caf\xc3\xa9\\xc3");
  EXPECT_EQ(escape_utf8("\xed\xa0\x80"), "\\xed\\xa0\\x80");
  EXPECT_EQ(escape_utf8("a\nb\tc\x7f"), "a\\x0ab\\x09c\\x7f");
  EXPECT_EQ(escape_utf8("plain/name.py"), "plain/name.py");
}

// What a terminal would act on is shown instead: ESC, BEL, DEL and the C1
// controls; line breaks, tabs and other characters stay.
TEST(Utf8, escape_controls_keeps_layout_and_shows_the_rest)
{
  using slam::util::escape_controls;
  EXPECT_EQ(escape_controls("\x1b[31mred\x1b[0m\n"), "\\x1b[31mred\\x1b[0m\n");
  EXPECT_EQ(escape_controls("\x1b]0;title\x07"), "\\x1b]0;title\\x07");
  EXPECT_EQ(escape_controls("a\tb\x7f\r"), "a\tb\\x7f\\x0d");
  EXPECT_EQ(escape_controls("csi \xc2\x9b and nel \xc2\x85"),
            "csi \\u009b and nel \\u0085");
  EXPECT_EQ(escape_controls("caf\xc3\xa9 \xc2\xa0 \x9b"),
            "caf\xc3\xa9 \xc2\xa0 \\x9b");
  EXPECT_EQ(escape_utf8("\xc2\x9b"), "\\u009b");
}

// A long text is cut at a character boundary, saying how much was left.
TEST(Utf8, cap_length_cuts_long_text_on_a_character)
{
  using slam::util::cap_length;
  EXPECT_EQ(cap_length("short", 5), "short");
  EXPECT_EQ(cap_length("abcdef", 4), "abcd... (2 more bytes)");
  EXPECT_EQ(cap_length("ab\xc3\xa9x", 3), "ab... (3 more bytes)");
}
