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

// Each listed object comes with its time and size.
TEST(AwsS3Xml, page_gives_object_times_and_sizes)
{
  auto page = parse_list_objects(
      R"(<ListBucketResult><IsTruncated>false</IsTruncated>
  <Contents><Key>a.zip</Key><LastModified>2024-05-01T10:20:30.000Z</LastModified><Size>10</Size></Contents>
  <Contents><Key>b.zip</Key><LastModified>2024-05-01T10:20:31.500Z</LastModified><Size>12345678901</Size></Contents>
</ListBucketResult>)");
  EXPECT_EQ(
      page.objects,
      (std::vector<ObjectSummary>{
          {"a.zip", *parse_iso8601("2024-05-01T10:20:30Z"), 10},
          {"b.zip", *parse_iso8601("2024-05-01T10:20:31.5Z"), 12345678901}}));
}

// GetBucketTagging's answer gives the tags by key.
TEST(AwsS3Xml, tagging_answer_gives_tags)
{
  auto tags = parse_tagging(
      R"(<?xml version="1.0" encoding="UTF-8"?>
<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet>
  <Tag><Key>slam:created-by</Key><Value>shop</Value></Tag>
  <Tag><Key>team</Key><Value>a &amp; b</Value></Tag>
</TagSet></Tagging>)");
  EXPECT_EQ(tags,
            (std::map<std::string, std::string>{{"slam:created-by", "shop"},
                                                {"team", "a & b"}}));
  EXPECT_THROW(parse_tagging("<Error/>"), slam::Error);
}

// The PutBucketTagging body escapes values and reads back the same.
TEST(AwsS3Xml, tagging_request_round_trips)
{
  std::map<std::string, std::string> tags = {{"slam:created-by", "shop"},
                                             {"note", "<a & \"b\">"}};
  auto xml = tagging_xml(tags);
  EXPECT_EQ(xml,
            "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            "<TagSet><Tag><Key>note</Key><Value>&lt;a &amp; \"b\"&gt;</Value>"
            "</Tag><Tag><Key>slam:created-by</Key><Value>shop</Value></Tag>"
            "</TagSet></Tagging>");
  EXPECT_EQ(parse_tagging(xml), tags);
}
