#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slam::util {

// Return the Levenshtein edit distance between A and B.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Return the candidate closest to WORD when it is close enough to be a
// plausible typo ("did you mean"), else nothing.
std::optional<std::string>
closest_match(std::string_view word,
              const std::vector<std::string>& candidates);

// Split TEXT at each SEPARATOR, trimming blanks and dropping empty items.
std::vector<std::string> split_list(std::string_view text, char separator);

// Return TEXT without leading and trailing whitespace.
std::string trim(std::string_view text);

// Return the last non-blank lines of TEXT, up to COUNT of them: the end of
// a tool's output, where its error is.
std::string last_lines(const std::string& text, std::size_t count);

} // namespace slam::util
