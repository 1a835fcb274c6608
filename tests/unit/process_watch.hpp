#pragma once

// What the tests of interrupts need to watch processes by pid.

#include <fstream>
#include <string>
#include <sys/types.h>

namespace slam::test {

// Return whether PID has ended: gone, or a zombie waiting for its reaper.
inline bool has_ended(pid_t pid)
{
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) {
    return true;
  }
  auto state = line.substr(line.rfind(')') + 2, 1);
  return state == "Z" || state == "X";
}

} // namespace slam::test
