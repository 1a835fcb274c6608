#include "slam/util/base64.hpp"

#include <gtest/gtest.h>

using slam::util::base64_decode;
using slam::util::base64_encode;

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

// The test vectors of RFC 4648, section 10.
TEST(Base64, encodes_rfc4648_vectors)
{
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

// Decoding gives back what encoding made, binary bytes included.
TEST(Base64, decodes_what_it_encodes)
{
  std::string binary("\x00\xff\x10\x80", 4);
  EXPECT_EQ(base64_decode(base64_encode(binary)), binary);
  EXPECT_EQ(base64_decode(base64_encode("fooba")), "fooba");
}
