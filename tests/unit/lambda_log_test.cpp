#include "slam/local/lambda_log.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

using namespace slam::local;

TEST(LambdaLog, lines_are_lambdas)
{
  auto id = "8f2c1a3e-0000-4000-8000-000000000001";
  EXPECT_EQ(log_prefix(id), "[8f2c1a3e] ");
  EXPECT_EQ(start_line(id),
            "START RequestId: 8f2c1a3e-0000-4000-8000-000000000001 Version: "
            "$LATEST");
  EXPECT_EQ(end_line(id),
            "END RequestId: 8f2c1a3e-0000-4000-8000-000000000001");
}

// Billed duration rounds up to the next millisecond, and at least 1 ms.
TEST(LambdaLog, report_rounds_the_billed_duration_up)
{
  Report report{std::chrono::microseconds(1234), 128, 41, {}, ""};
  EXPECT_EQ(report_line("id", report),
            "REPORT RequestId: id Duration: 1.23 ms Billed Duration: 2 ms "
            "Memory Size: 128 MB Max Memory Used: 41 MB");
  report.duration = std::chrono::microseconds(3);
  report.status = "timeout";
  EXPECT_EQ(report_line("id", report),
            "REPORT RequestId: id Duration: 0.00 ms Billed Duration: 1 ms "
            "Memory Size: 128 MB Max Memory Used: 41 MB Status: timeout");
}

// A cold start's init is reported apart, after the memory, as Lambda does.
TEST(LambdaLog, report_tells_the_init_duration_of_a_cold_start)
{
  Report report{std::chrono::microseconds(2512),
                256,
                40,
                std::chrono::microseconds(117824),
                ""};
  EXPECT_EQ(report_line("id", report),
            "REPORT RequestId: id Duration: 2.51 ms Billed Duration: 3 ms "
            "Memory Size: 256 MB Max Memory Used: 40 MB Init Duration: "
            "117.82 ms");
}

TEST(LambdaLog, max_memory_used_reads_vmhwm)
{
  auto status = open_process_status(::getpid());
  EXPECT_GT(max_memory_used_mb(status.get()), 0);
  EXPECT_EQ(max_memory_used_mb(-1), 0);
  EXPECT_FALSE(open_process_status(-1));
}
