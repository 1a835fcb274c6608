#pragma once

#include <fmt/core.h>
#include <string>
#include <string_view>
#include <vector>

namespace slam::util {

enum class Verbosity { quiet, normal, verbose };

// Set how much the program says; quiet keeps only warnings, errors and
// results.
void set_verbosity(Verbosity verbosity);
Verbosity verbosity();

// Set whether messages may use ANSI colours (off when not on a terminal).
void set_color(bool enabled);
bool color_enabled();

// Set whether a status line may be drawn (stderr is a terminal and not
// quiet).
void set_status_enabled(bool enabled);
bool status_enabled();

// Draw LINE in place of the previous status line on stderr, when enabled.
// Any other message clears it first.
void show_status(std::string_view line);

// Erase the status line, if one is drawn.
void clear_status();

// Print a progress message to stderr unless quiet.
void note(std::string_view message);

// Print a warning to stderr ("slam: warning: ..."), even when quiet.
void warn(std::string_view message);

// A note or warning as it was told, for telling it again.
struct ToldMessage
{
  bool warning = false;
  std::string text;

  bool operator==(const ToldMessage&) const = default;
};

// Keep every note and warning told from now on in INTO as well (nothing
// when null): a build that is skipped next time tells its messages again.
void keep_told_messages(std::vector<ToldMessage>* into);

// Tell MESSAGE again as note() or warn() did.
void tell_again(const ToldMessage& message);

// Print a debug line to stderr when verbose (-v).
void debug(std::string_view message);

template <typename... Args>
void notef(fmt::format_string<Args...> format, Args&&... args)
{
  note(fmt::format(format, std::forward<Args>(args)...));
}

template <typename... Args>
void debugf(fmt::format_string<Args...> format, Args&&... args)
{
  if (verbosity() == Verbosity::verbose) {
    debug(fmt::format(format, std::forward<Args>(args)...));
  }
}

} // namespace slam::util
