#include "slam/aws/s3_xml.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;

// A truncated ListObjectsV2 page gives its keys and the token of the next.
TEST(AwsS3Xml, truncated_page_gives_keys_and_token)
{
  auto page = parse_list_objects(
      R"(<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>bucket</Name><Prefix>app/</Prefix><KeyCount>2</KeyCount>
  <MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated>
  <Contents><Key>app/a.zip</Key><Size>10</Size><ETag>"x"</ETag></Contents>
  <Contents><Key>app/b &amp; c.zip</Key><Size>11</Size></Contents>
  <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
</ListBucketResult>)");
  EXPECT_EQ(page.keys,
            (std::vector<std::string>{"app/a.zip", "app/b & c.zip"}));
  EXPECT_EQ(page.next_token, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
}

// The last page has no token, and an empty bucket no keys.
TEST(AwsS3Xml, last_page_has_no_token)
{
  auto page = parse_list_objects(
      "<ListBucketResult><Name>b</Name><KeyCount>0</KeyCount>"
      "<IsTruncated>false</IsTruncated></ListBucketResult>");
  EXPECT_TRUE(page.keys.empty());
  EXPECT_EQ(page.next_token, std::nullopt);
}

// Anything else is an error naming the operation.
TEST(AwsS3Xml, other_answer_is_an_error)
{
  EXPECT_THROW(parse_list_objects("<Error><Code>x</Code></Error>"),
               slam::Error);
  EXPECT_THROW(parse_list_objects("{}"), slam::Error);
}
