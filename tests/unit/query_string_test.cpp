#include "slam/local/query_string.hpp"

#include <gtest/gtest.h>

namespace slam::local {
namespace {

TEST(QueryString, plus_and_percent_twenty_are_both_spaces)
{
  EXPECT_EQ(decode_query_component("a+b%20c"), "a b c");
}

TEST(QueryString, invalid_escapes_stay_as_sent)
{
  EXPECT_EQ(decode_query_component("%zz%4"), "%zz%4");
  EXPECT_EQ(decode_query_component("100%"), "100%");
  EXPECT_EQ(decode_query_component("%2b%2B"), "++");
}

TEST(QueryString, pairs_keep_order_repeats_and_empty_values)
{
  EXPECT_EQ(parse_query("b=2&a=1&b=3&e=&f&&=v&a%3Db=c%26d"),
            (QueryParameters{{"b", "2"},
                             {"a", "1"},
                             {"b", "3"},
                             {"e", ""},
                             {"f", ""},
                             {"", "v"},
                             {"a=b", "c&d"}}));
}

TEST(QueryString, value_holding_equals_signs_splits_at_the_first)
{
  EXPECT_EQ(parse_query("token=abc=="), (QueryParameters{{"token", "abc=="}}));
}

TEST(QueryString, empty_query_has_no_parameters)
{
  EXPECT_TRUE(parse_query("").empty());
  EXPECT_TRUE(parse_query("&&").empty());
}

} // namespace
} // namespace slam::local
