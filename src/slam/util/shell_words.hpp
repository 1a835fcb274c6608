#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace slam::util {

// Return the words of LINE split as a POSIX shell splits a simple command,
// without running a shell: blanks separate words, single quotes keep
// everything, double quotes keep all but `\"`, `\\`, `\$` and `` \` ``, a
// backslash outside quotes keeps the next character. Nothing is expanded.
// Throw slam::Error for an unclosed quote or a trailing backslash.
std::vector<std::string> split_shell_words(std::string_view line);

} // namespace slam::util
