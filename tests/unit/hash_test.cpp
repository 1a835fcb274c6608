#include "slam/util/hash.hpp"

#include <gtest/gtest.h>

// SHA-256 of the empty string is the well-known constant.
TEST(Hash, sha256_of_empty_string)
{
  EXPECT_EQ(slam::util::sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

// RFC 4231 test case 2.
TEST(Hash, hmac_sha256_matches_rfc4231)
{
  EXPECT_EQ(slam::util::to_hex(slam::util::hmac_sha256(
                "Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

// RFC 1321's test suite: MD5 of "abc".
TEST(Hash, md5_matches_rfc1321)
{
  EXPECT_EQ(slam::util::to_hex(slam::util::md5("abc")),
            "900150983cd24fb0d6963f7d28e17f72");
}

TEST(Hash, sha256_of_pieces_is_that_of_their_concatenation)
{
  // FIPS 180-2's "abc", cut anywhere.
  auto abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  EXPECT_EQ(slam::util::sha256_hex(std::vector<std::string_view>{"a", "bc"}),
            abc);
  EXPECT_EQ(
      slam::util::sha256_hex(std::vector<std::string_view>{"", "abc", ""}),
      abc);
  EXPECT_EQ(slam::util::sha256_hex(std::vector<std::string_view>{}),
            slam::util::sha256_hex(""));
}

// FIPS 180-1's "abc"; the AWS CLI names its cache files by SHA-1.
TEST(Hash, sha1_matches_fips_180_1)
{
  EXPECT_EQ(slam::util::sha1_hex("abc"),
            "a9993e364706816aba3e25717850c26c9cd0d89d");
}
