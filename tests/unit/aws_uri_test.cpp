#include "slam/aws/uri.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;

// Only A-Z a-z 0-9 - . _ ~ stay; every other byte, UTF-8 included,
// becomes upper-case %XX.
TEST(AwsUri, encode_escapes_all_but_unreserved_bytes)
{
  EXPECT_EQ(uri_encode("a b/c+d~e-f.g_h\xc3\xa9*"),
            "a%20b%2Fc%2Bd~e-f.g_h%C3%A9%2A");
}

// Paths keep their slashes.
TEST(AwsUri, encode_keeps_slashes_in_paths)
{
  EXPECT_EQ(uri_encode("/dir/a b.zip", true), "/dir/a%20b.zip");
}

// Decoding undoes encoding and leaves malformed escapes alone.
TEST(AwsUri, decode_reverses_encoding_and_keeps_malformed_escapes)
{
  EXPECT_EQ(uri_decode("a%20b%2fc%zz%4"), "a b/c%zz%4");
  EXPECT_EQ(uri_decode(uri_encode("caf\xc3\xa9 & more")), "caf\xc3\xa9 & more");
}

// A form body encodes both sides of each pair.
TEST(AwsUri, encode_query_joins_encoded_pairs)
{
  EXPECT_EQ(encode_query({{"Action", "CreateStack"},
                          {"TemplateBody", "{\"a\": 1}"},
                          {"Empty", ""}}),
            "Action=CreateStack&TemplateBody=%7B%22a%22%3A%201%7D&Empty=");
}

// A bare name has an empty value; empty pairs are skipped.
TEST(AwsUri, decode_query_splits_pairs)
{
  EXPECT_EQ(decode_query("a=1&b&&c=%2F=x"),
            (QueryParams{{"a", "1"}, {"b", ""}, {"c", "/=x"}}));
}
