#include "slam/local/lambda_log.hpp"

#include "slam/util/log.hpp"

#include <array>
#include <cstdlib>
#include <fcntl.h>
#include <fmt/core.h>
#include <mutex>
#include <unistd.h>

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
  if (report.init_duration) {
    line += fmt::format(" Init Duration: {:.2f} ms",
                        static_cast<double>(report.init_duration->count()) /
                            1000.0);
  }
  if (!report.status.empty()) {
    line += " Status: " + report.status;
  }
  return line;
}

util::UniqueFd open_process_status(int pid)
{
  auto path = fmt::format("/proc/{}/status", pid);
  return util::UniqueFd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
}

long max_memory_used_mb(int status_file)
{
  // One read from the start of the file kept open: this runs after every
  // invocation.
  std::array<char, 4096> buffer{};
  auto size = ::pread(status_file, buffer.data(), buffer.size() - 1, 0);
  std::string_view status(buffer.data(), size > 0 ? size : 0);
  auto field = status.find("\nVmHWM:");
  if (field == std::string_view::npos) {
    return 0;
  }
  long kilobytes = std::strtol(buffer.data() + field + 7, nullptr, 10);
  return (kilobytes + 1023) / 1024;
}

void write_log_line(std::string_view line)
{
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  util::note(line);
}

} // namespace slam::local
