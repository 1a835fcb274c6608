#include "slam/local/lambda_log.hpp"

#include "slam/util/log.hpp"

#include <fmt/core.h>
#include <fstream>
#include <mutex>

namespace slam::local {

std::string log_prefix(std::string_view request_id)
{
  return fmt::format("[{}] ", request_id.substr(0, 8));
}

std::string start_line(std::string_view request_id)
{
  return fmt::format("START RequestId: {} Version: $LATEST", request_id);
}

std::string end_line(std::string_view request_id)
{
  return fmt::format("END RequestId: {}", request_id);
}

std::string report_line(std::string_view request_id, const Report& report)
{
  auto micros = report.duration.count();
  // Lambda bills by the millisecond, rounding up.
  auto billed = std::max<long long>(1, (micros + 999) / 1000);
  auto line = fmt::format("REPORT RequestId: {} Duration: {:.2f} ms "
                          "Billed Duration: {} ms Memory Size: {} MB "
                          "Max Memory Used: {} MB",
                          request_id,
                          static_cast<double>(micros) / 1000.0,
                          billed,
                          report.memory_size_mb,
                          report.max_memory_used_mb);
  if (!report.status.empty()) {
    line += " Status: " + report.status;
  }
  return line;
}

long max_memory_used_mb(int pid)
{
  std::ifstream status(fmt::format("/proc/{}/status", pid));
  std::string field;
  while (status >> field) {
    if (field == "VmHWM:") {
      long kilobytes = 0;
      status >> kilobytes;
      return (kilobytes + 1023) / 1024;
    }
  }
  return 0;
}

void write_log_line(std::string_view line)
{
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  util::note(line);
}

} // namespace slam::local
