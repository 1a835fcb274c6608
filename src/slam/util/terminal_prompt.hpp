#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace slam::util {

// Write PROMPT to stderr and return the line then typed on stdin, without
// its end; nothing when stdin or stderr is not a terminal (a script or CI
// has nobody to answer), or when stdin ends first.
std::optional<std::string> ask_on_terminal(std::string_view prompt);

} // namespace slam::util
