#pragma once

#include <bitset>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace slam::util {

// A '[...]' class of a glob, parsed.
struct GlobClass
{
  std::bitset<256> members; // after negation; '/' is never a member
  std::size_t length = 0;   // of its text, brackets included
  std::string unknown_name; // of a '[:name:]' that is no POSIX class
};

// Parse the class that opens at TEXT[0] ('['), in git's syntax: '[!' or
// '[^' negates, a ']' right after the opening is a member, 'a-z' is a
// range, '\' escapes, '[:alpha:]' and the other POSIX classes name sets.
// Return nothing when no ']' closes it.
std::optional<GlobClass> parse_glob_class(std::string_view text);

} // namespace slam::util
