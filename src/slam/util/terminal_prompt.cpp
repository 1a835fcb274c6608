#include "slam/util/terminal_prompt.hpp"

#include "slam/util/log.hpp"

#include <cerrno>
#include <unistd.h>

namespace slam::util {

std::optional<std::string> ask_on_terminal(std::string_view prompt)
{
  if (::isatty(STDIN_FILENO) == 0 || ::isatty(STDERR_FILENO) == 0) {
    return std::nullopt;
  }
  clear_status();
  if (::write(STDERR_FILENO, prompt.data(), prompt.size()) < 0) {
    return std::nullopt;
  }
  // Byte by byte: whatever follows the line stays unread for others.
  std::string line;
  char c = 0;
  while (true) {
    auto got = ::read(STDIN_FILENO, &c, 1);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got <= 0) {
      return std::nullopt;
    }
    if (c == '\n') {
      break;
    }
    line += c;
  }
  if (line.ends_with('\r')) {
    line.pop_back();
  }
  return line;
}

} // namespace slam::util
