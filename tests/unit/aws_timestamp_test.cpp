#include "slam/aws/timestamp.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;
using namespace std::chrono_literals;

// SigV4 wants the basic ISO 8601 form in UTC.
TEST(AwsTimestamp, format_amz_date_is_basic_utc_form)
{
  EXPECT_EQ(format_amz_date(parse_iso8601("2015-08-30T12:36:00Z").value()),
            "20150830T123600Z");
  EXPECT_EQ(format_amz_date(std::chrono::system_clock::from_time_t(0)),
            "19700101T000000Z");
}

// Fractional seconds and zone offsets, as CloudFormation and moto write
// them, give the same instant.
TEST(AwsTimestamp, parse_handles_fractions_and_offsets)
{
  auto utc = parse_iso8601("2024-01-02T03:04:05.250Z").value();
  EXPECT_EQ(parse_iso8601("2024-01-02T05:04:05.250000+02:00").value(), utc);
  EXPECT_EQ(parse_iso8601("2024-01-01T23:04:05.25-04:00").value(), utc);
  EXPECT_EQ(utc - parse_iso8601("2024-01-02T03:04:05Z").value(), 250ms);
  EXPECT_EQ(utc - parse_iso8601("2024-01-02T03:04:05").value(), 250ms);
}

// Anything else is not a time.
TEST(AwsTimestamp, parse_rejects_other_text)
{
  for (auto text : {"",
                    "2024-01-02",
                    "2024-01-02 03:04:05Z",
                    "2024-01-02T03:04:05X",
                    "2024-01-02T03:04:05+0200",
                    "yesterday at noon, roughly"}) {
    EXPECT_EQ(parse_iso8601(text), std::nullopt) << text;
  }
}

// The Date header's form reads as the instant it names; other forms and
// broken dates do not.
TEST(AwsTimestamp, parse_http_date_reads_imf_fixdate)
{
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            parse_iso8601("1994-11-06T08:49:37Z"));
  EXPECT_EQ(parse_http_date("Thu, 29 Feb 2024 23:59:59 GMT"),
            parse_iso8601("2024-02-29T23:59:59Z"));
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 UTC"), std::nullopt);
  EXPECT_EQ(parse_http_date("Sun, 06 Nox 1994 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Sun, 6 Nov 1994 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date(""), std::nullopt);
}

// A year past what a Timestamp holds (to 2262), a field out of its range
// or a signed number is not a time: the conversion of "9999-12-31"
// overflowed (found by the aws_xml fuzz target, UBSan).
TEST(AwsTimestamp, parse_rejects_times_out_of_range)
{
  for (auto text : {"9999-12-31T23:59:59Z",
                    "2262-05-01T00:00:00Z",
                    "1000-01-01T00:00:00Z",
                    "2024-13-01T00:00:00Z",
                    "2024-00-10T00:00:00Z",
                    "2024-01-32T00:00:00Z",
                    "2024-01-01T24:00:00Z",
                    "2024-01-01T00:60:00Z",
                    "2024-01-01T00:00:61Z",
                    "2024--1-01T00:00:00Z",
                    "2024-01-+1T00:00:00Z"}) {
    EXPECT_EQ(parse_iso8601(text), std::nullopt) << text;
  }
  EXPECT_NE(parse_iso8601("2261-12-31T23:59:59Z"), std::nullopt);
  EXPECT_EQ(parse_http_date("Fri, 31 Dec 9999 23:59:59 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Sun, 99 Nov 1994 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 -8:49:37 GMT"), std::nullopt);
}
