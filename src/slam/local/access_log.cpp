#include "slam/local/access_log.hpp"

#include "slam/util/log.hpp"
#include "slam/util/utf8.hpp"

#include <fmt/core.h>
#include <mutex>

namespace slam::local {

std::string format_access_line(const AccessRecord& record)
{
  // The target is the client's: its control characters are shown, not
  // sent to the terminal.
  return fmt::format("{} \"{} {}\" {} {} B {:.1f} ms",
                     record.source_ip,
                     record.method,
                     util::escape_controls(record.target),
                     record.status,
                     record.size,
                     static_cast<double>(record.duration.count()) / 1000.0);
}

void log_access(const AccessRecord& record)
{
  static std::mutex lock;
  auto line = format_access_line(record);
  std::lock_guard guard(lock);
  util::note(line);
}

} // namespace slam::local
