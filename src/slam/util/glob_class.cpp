#include "slam/util/glob_class.hpp"

#include <array>
#include <utility>

namespace slam::util {
namespace {

bool in(int c, int low, int high)
{
  return low <= c && c <= high;
}

bool is_alpha(int c)
{
  return in(c, 'a', 'z') || in(c, 'A', 'Z');
}

bool is_digit(int c)
{
  return in(c, '0', '9');
}

bool is_graph(int c)
{
  return in(c, 0x21, 0x7e);
}

struct PosixClass
{
  std::string_view name;
  bool (*contains)(int c);
};

// The POSIX classes that git's wildmatch knows, over ASCII: bytes above
// 127 belong to none, as in the C locale.
constexpr std::array<PosixClass, 12> k_posix_classes{{
    {"alnum", [](int c) { return is_alpha(c) || is_digit(c); }},
    {"alpha", is_alpha},
    {"blank", [](int c) { return c == ' ' || c == '\t'; }},
    {"cntrl", [](int c) { return in(c, 0, 0x1f) || c == 0x7f; }},
    {"digit", is_digit},
    {"graph", is_graph},
    {"lower", [](int c) { return in(c, 'a', 'z'); }},
    {"print", [](int c) { return is_graph(c) || c == ' '; }},
    {"punct",
     [](int c) { return is_graph(c) && !is_alpha(c) && !is_digit(c); }},
    {"space", [](int c) { return c == ' ' || in(c, '\t', '\r'); }},
    {"upper", [](int c) { return in(c, 'A', 'Z'); }},
    {"xdigit",
     [](int c) { return is_digit(c) || in(c, 'a', 'f') || in(c, 'A', 'F'); }},
}};

const PosixClass* find_posix_class(std::string_view name)
{
  for (const auto& posix : k_posix_classes) {
    if (posix.name == name) {
      return &posix;
    }
  }
  return nullptr;
}

// Return the name of the '[:name:]' at TEXT[POS], or nothing when no ':]'
// ends it before the next ']' (then the '[' is a plain member, as in git).
std::optional<std::string_view> posix_name(std::string_view text,
                                           std::size_t pos)
{
  if (pos + 1 >= text.size() || text[pos + 1] != ':') {
    return std::nullopt;
  }
  auto close = text.find(']', pos + 2);
  if (close == std::string_view::npos || close < pos + 3 ||
      text[close - 1] != ':') {
    return std::nullopt;
  }
  return text.substr(pos + 2, close - 1 - (pos + 2));
}

// Return the character at TEXT[POS], which a '\' may escape; advance POS
// past it. Nothing when the text ends first.
std::optional<unsigned char> member(std::string_view text, std::size_t& pos)
{
  if (text[pos] == '\\') {
    ++pos;
  }
  if (pos >= text.size()) {
    return std::nullopt;
  }
  return static_cast<unsigned char>(text[pos++]);
}

} // namespace

std::optional<GlobClass> parse_glob_class(std::string_view text)
{
  GlobClass parsed;
  std::size_t pos = 1;
  bool negated = pos < text.size() && (text[pos] == '!' || text[pos] == '^');
  pos += negated ? 1 : 0;
  for (bool first = true; pos < text.size(); first = false) {
    if (text[pos] == ']' && !first) {
      parsed.length = pos + 1;
      if (negated) {
        parsed.members.flip();
      }
      parsed.members.reset('/');
      return parsed;
    }
    if (auto name = posix_name(text, pos)) {
      const auto* posix = find_posix_class(*name);
      for (int c = 0; posix && c < 128; ++c) {
        parsed.members[c] = parsed.members[c] || posix->contains(c);
      }
      if (!posix && parsed.unknown_name.empty()) {
        parsed.unknown_name = *name;
      }
      pos += name->size() + 4;
      continue;
    }
    auto low = member(text, pos);
    if (!low) {
      break;
    }
    auto high = low;
    if (pos + 1 < text.size() && text[pos] == '-' && text[pos + 1] != ']') {
      ++pos;
      high = member(text, pos);
      if (!high) {
        break;
      }
    }
    for (int c = *low; c <= *high; ++c) {
      parsed.members.set(c);
    }
  }
  return std::nullopt;
}

} // namespace slam::util
