#include "slam/util/glob_pattern.hpp"

#include "slam/util/glob_class.hpp"

#include <fmt/core.h>

namespace slam::util {
namespace {

using Active = std::vector<char>;

// Mark the steps that STEPS can reach from the marked ones without
// reading a character. Such moves only go forward, so one pass does.
void follow_empty_moves(const std::vector<GlobStep>& steps, Active& active)
{
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (!active[i]) {
      continue;
    }
    auto kind = steps[i].kind;
    if (kind == GlobStep::star || kind == GlobStep::globstar ||
        kind == GlobStep::folders_or_none) {
      active[i + 1] = 1;
    }
    if (kind == GlobStep::folders_or_none) {
      active[i + 3] = 1; // past the '**' and its '/'
    }
  }
}

// Return the steps reached from ACTIVE by reading C.
void read_character(const std::vector<GlobStep>& steps,
                    const Active& active,
                    unsigned char c,
                    Active& next)
{
  std::fill(next.begin(), next.end(), 0);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (!active[i]) {
      continue;
    }
    const auto& step = steps[i];
    switch (step.kind) {
    case GlobStep::literal:
      next[i + 1] |= static_cast<unsigned char>(step.character) == c;
      break;
    case GlobStep::any_char:
      next[i + 1] |= c != '/';
      break;
    case GlobStep::one_of:
      next[i + 1] |= step.members[c];
      break;
    case GlobStep::star:
      next[i] |= c != '/';
      break;
    case GlobStep::globstar:
      next[i] = 1;
      break;
    case GlobStep::folders_or_none:
      break;
    }
  }
}

GlobStep literal(char c)
{
  return GlobStep{GlobStep::literal, c, {}};
}

} // namespace

GlobPattern::GlobPattern(std::string_view text)
{
  for (std::size_t pos = 0; pos < text.size();) {
    switch (text[pos]) {
    case '*':
      add_stars(text, pos);
      break;
    case '?':
      m_steps.push_back({GlobStep::any_char, 0, {}});
      ++pos;
      break;
    case '[':
      add_class(text, pos);
      break;
    case '\\':
      if (pos + 1 == text.size() && !m_problem) {
        m_problem = GlobProblem{pos,
                                "lone '\\' at the end",
                                "write '\\\\' for a literal backslash"};
      }
      // A lone '\' at the end stands for itself.
      pos += pos + 1 < text.size() ? 1 : 0;
      m_steps.push_back(literal(text[pos++]));
      break;
    default:
      m_steps.push_back(literal(text[pos++]));
    }
  }
}

// Add the run of '*' at TEXT[POS]: one is a star, more cross folders, and
// '**/' also matches no folder at all.
void GlobPattern::add_stars(std::string_view text, std::size_t& pos)
{
  auto end = text.find_first_not_of('*', pos);
  end = end == std::string_view::npos ? text.size() : end;
  if (end - pos == 1) {
    m_steps.push_back({GlobStep::star, 0, {}});
  } else if (end < text.size() && text[end] == '/') {
    m_steps.push_back({GlobStep::folders_or_none, 0, {}});
    m_steps.push_back({GlobStep::globstar, 0, {}});
    m_steps.push_back(literal('/'));
    ++end;
  } else {
    m_steps.push_back({GlobStep::globstar, 0, {}});
  }
  pos = end;
}

// Add the class that opens at TEXT[POS]; an unterminated one is a literal
// '['.
void GlobPattern::add_class(std::string_view text, std::size_t& pos)
{
  auto parsed = parse_glob_class(text.substr(pos));
  if (!parsed) {
    if (!m_problem) {
      m_problem = GlobProblem{pos,
                              "unterminated '['",
                              "close it with ']', or write '\\[' for a "
                              "literal '['"};
    }
    m_steps.push_back(literal('['));
    ++pos;
    return;
  }
  if (!parsed->unknown_name.empty()) {
    m_matches_nothing = true;
    if (!m_problem) {
      m_problem = GlobProblem{
          pos,
          fmt::format("unknown character class '[:{}:]'", parsed->unknown_name),
          "known are alnum, alpha, blank, cntrl, digit, graph, lower, print, "
          "punct, space, upper, xdigit"};
    }
  }
  m_steps.push_back({GlobStep::one_of, 0, parsed->members});
  pos += parsed->length;
}

bool GlobPattern::matches(std::string_view path) const
{
  if (m_matches_nothing) {
    return false;
  }
  Active active(m_steps.size() + 1, 0);
  Active next(active.size(), 0);
  active[0] = 1;
  follow_empty_moves(m_steps, active);
  for (char c : path) {
    read_character(m_steps, active, static_cast<unsigned char>(c), next);
    follow_empty_moves(m_steps, next);
    active.swap(next);
  }
  return active.back() != 0;
}

} // namespace slam::util
