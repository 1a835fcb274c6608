#include "slam/local/request_ids.hpp"
#include "slam/local/request_time.hpp"

#include <gtest/gtest.h>
#include <regex>

namespace slam::local {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

TEST(RequestTime, formats_as_api_gateway_does)
{
  system_clock::time_point time(milliseconds(1589522469693));
  EXPECT_EQ(format_request_time(time), "15/May/2020:06:01:09 +0000");
  EXPECT_EQ(epoch_milliseconds(time), 1589522469693);
  EXPECT_EQ(format_request_time(system_clock::time_point(milliseconds(0))),
            "01/Jan/1970:00:00:00 +0000");
}

TEST(RequestIds, have_the_forms_of_api_gateways)
{
  EXPECT_TRUE(std::regex_match(
      random_uuid(),
      std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                 "[0-9a-f]{12}")));
  EXPECT_TRUE(
      std::regex_match(random_extended_id(), std::regex("[A-Za-z0-9-]{15}=")));
  system_clock::time_point time(milliseconds(1587481701067));
  EXPECT_TRUE(std::regex_match(random_trace_id(time),
                               std::regex("Root=1-5e9f0c65-[0-9a-f]{24}")));
  EXPECT_NE(random_uuid(), random_uuid());
  EXPECT_TRUE(std::regex_match(
      random_function_trace_id(),
      std::regex("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};"
                 "Sampled=0")));
}

} // namespace
} // namespace slam::local
