#include "slam/local/access_log.hpp"

#include <gtest/gtest.h>

namespace slam::local {
namespace {

TEST(AccessLog, line_names_method_target_status_size_and_duration)
{
  AccessRecord record{"127.0.0.1",
                      "GET",
                      "/dev/a?x=1",
                      200,
                      1234,
                      std::chrono::microseconds(4567)};
  EXPECT_EQ(format_access_line(record),
            "127.0.0.1 \"GET /dev/a?x=1\" 200 1234 B 4.6 ms");
}

TEST(AccessLog, control_characters_of_the_target_are_shown_escaped)
{
  AccessRecord record{"127.0.0.1", "GET", "/\x1b[2J", 404, 0, {}};
  EXPECT_EQ(format_access_line(record).find('\x1b'), std::string::npos);
}

} // namespace
} // namespace slam::local
