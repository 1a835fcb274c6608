#include "slam/util/log.hpp"

#include <cstdio>
#include <string>

namespace slam::util {
namespace {

Verbosity g_verbosity = Verbosity::normal;
bool g_color = false;

void write_line(std::string_view line)
{
  std::string text(line);
  text += '\n';
  std::fwrite(text.data(), 1, text.size(), stderr);
}

} // namespace

void set_verbosity(Verbosity verbosity)
{
  g_verbosity = verbosity;
}
Verbosity verbosity()
{
  return g_verbosity;
}
void set_color(bool enabled)
{
  g_color = enabled;
}
bool color_enabled()
{
  return g_color;
}

void note(std::string_view message)
{
  if (g_verbosity != Verbosity::quiet) {
    write_line(message);
  }
}

void warn(std::string_view message)
{
  if (g_verbosity == Verbosity::quiet) {
    return;
  }
  write_line(g_color
                 ? fmt::format("\033[1;35mslam: warning:\033[0m {}", message)
                 : fmt::format("slam: warning: {}", message));
}

void debug(std::string_view message)
{
  if (g_verbosity == Verbosity::verbose) {
    write_line(fmt::format("slam: {}", message));
  }
}

} // namespace slam::util
