#include "slam/util/log.hpp"

#include "slam/util/utf8.hpp"

#include <cstdio>
#include <mutex>
#include <string>

namespace slam::util {
namespace {

Verbosity g_verbosity = Verbosity::normal;
bool g_color = false;
bool g_status_enabled = false;
bool g_status_drawn = false;
std::vector<ToldMessage>* g_told = nullptr;
std::mutex g_told_mutex; // messages may come from worker threads

void keep(bool warning, std::string_view message)
{
  std::lock_guard lock(g_told_mutex);
  if (g_told) {
    g_told->push_back({warning, std::string(message)});
  }
}

void write_raw(std::string_view text)
{
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

// Write PREFIX (Slam's own: it may hold colours) and MESSAGE as a line.
void write_line(std::string_view prefix, std::string_view message)
{
  clear_status();
  // A message may quote what a file held (a damaged cache's bytes, say):
  // the terminal gets text, never its control sequences or broken UTF-8.
  auto text = std::string(prefix) + escape_controls(message) + '\n';
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

void set_status_enabled(bool enabled)
{
  g_status_enabled = enabled;
}
bool status_enabled()
{
  return g_status_enabled;
}

void show_status(std::string_view line)
{
  if (!g_status_enabled) {
    return;
  }
  // Carriage return, the line, then erase what a longer previous line
  // left to its right.
  write_raw(fmt::format("\r{}\033[K", line));
  g_status_drawn = true;
}

void clear_status()
{
  if (g_status_drawn) {
    write_raw("\r\033[K");
    g_status_drawn = false;
  }
}

void keep_told_messages(std::vector<ToldMessage>* into)
{
  std::lock_guard lock(g_told_mutex);
  g_told = into;
}

void tell_again(const ToldMessage& message)
{
  if (message.warning) {
    warn(message.text);
  } else {
    note(message.text);
  }
}

void note(std::string_view message)
{
  keep(false, message);
  if (g_verbosity != Verbosity::quiet) {
    write_line("", message);
  }
}

void warn(std::string_view message)
{
  keep(true, message);
  // Even when quiet: -q drops what went well, never what may be wrong.
  write_line(g_color ? "\033[1;35mslam: warning:\033[0m " : "slam: warning: ",
             message);
}

void debug(std::string_view message)
{
  if (g_verbosity == Verbosity::verbose) {
    write_line("slam: ", message);
  }
}

} // namespace slam::util
