#pragma once

#include <bitset>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slam::util {

// What is wrong with a glob, where (a position in its text, from 0), and
// how to write it instead.
struct GlobProblem
{
  std::size_t position = 0;
  std::string what;
  std::string advice;

  bool operator==(const GlobProblem&) const = default;
};

// One step of a compiled glob.
struct GlobStep
{
  enum Kind {
    literal,         // one given character
    any_char,        // '?': one character but '/'
    one_of,          // '[...]': one character of MEMBERS, never '/'
    star,            // '*': any run of characters but '/'
    globstar,        // '**': any run of characters
    folders_or_none, // before the '**' of '**/': may skip it and its '/'
  };

  Kind kind = literal;
  char character = 0;
  std::bitset<256> members;
};

// A glob compiled once and matched by following every way through it at
// the same time, so that matching takes at most pattern length × path
// length steps: backtracking over many '*' is exponential on names such
// as 200 'a's against '*a*a*a*a*b'.
class GlobPattern
{
public:
  // Compile TEXT; see glob_match for the syntax. A malformed part is
  // recorded in problem() and read as glob_match documents.
  explicit GlobPattern(std::string_view text);

  // Return whether PATH, whole, matches.
  bool matches(std::string_view path) const;

  // Return the first problem of the pattern, if any.
  const std::optional<GlobProblem>& problem() const { return m_problem; }

private:
  void add_stars(std::string_view text, std::size_t& pos);
  void add_class(std::string_view text, std::size_t& pos);

  std::vector<GlobStep> m_steps;
  std::optional<GlobProblem> m_problem;
  bool m_matches_nothing = false; // an unknown '[:name:]'
};

} // namespace slam::util
