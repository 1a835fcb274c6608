#include "slam/util/base64.hpp"

#include <gtest/gtest.h>

using slam::util::base64_decode;

// Padding of zero, one and two characters all decode to the exact bytes.
TEST(Base64, decodes_every_padding_length)
{
  EXPECT_EQ(base64_decode("YWJj"), "abc");
  EXPECT_EQ(base64_decode("YWI="), "ab");
  EXPECT_EQ(base64_decode("YQ=="), "a");
  EXPECT_EQ(base64_decode(""), "");
  EXPECT_EQ(base64_decode("AP8A"), std::string("\0\xff\0", 3));
}

// Text that is not base64 gives nothing rather than garbage.
TEST(Base64, rejects_what_is_not_base64)
{
  EXPECT_EQ(base64_decode("YWJ"), std::nullopt);
  EXPECT_EQ(base64_decode("!!!!"), std::nullopt);
}
