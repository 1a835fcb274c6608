#include "slam/util/shell_words.hpp"

#include "slam/util/error.hpp"

#include <fmt/core.h>
#include <optional>

namespace slam::util {
namespace {

bool is_blank(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The characters a backslash escapes inside double quotes; before any
// other, the backslash stays.
bool escapable_in_double_quotes(char c)
{
  return c == '"' || c == '\\' || c == '$' || c == '`';
}

// Reads LINE one word at a time.
class WordReader
{
public:
  explicit WordReader(std::string_view line) : m_line(line) {}

  // Return the next word, nothing at the end of the line.
  std::optional<std::string> next()
  {
    while (m_at < m_line.size() && is_blank(m_line[m_at])) {
      ++m_at;
    }
    if (m_at == m_line.size()) {
      return std::nullopt;
    }
    std::string word;
    while (m_at < m_line.size() && !is_blank(m_line[m_at])) {
      char c = m_line[m_at++];
      if (c == '\'') {
        single_quoted(word);
      } else if (c == '"') {
        double_quoted(word);
      } else if (c == '\\' && m_at < m_line.size() && m_line[m_at] == '\n') {
        ++m_at; // a continued line
      } else if (c == '\\') {
        word += escaped();
      } else {
        word += c;
      }
    }
    return word;
  }

private:
  void single_quoted(std::string& word)
  {
    auto end = m_line.find('\'', m_at);
    if (end == std::string_view::npos) {
      unclosed("'");
    }
    word += m_line.substr(m_at, end - m_at);
    m_at = end + 1;
  }

  void double_quoted(std::string& word)
  {
    while (m_at < m_line.size() && m_line[m_at] != '"') {
      char c = m_line[m_at++];
      if (c == '\\' && m_at < m_line.size() && m_line[m_at] == '\n') {
        ++m_at; // a continued line
        continue;
      }
      if (c == '\\' && m_at < m_line.size() &&
          escapable_in_double_quotes(m_line[m_at])) {
        c = m_line[m_at++];
      }
      word += c;
    }
    if (m_at == m_line.size()) {
      unclosed("\"");
    }
    ++m_at;
  }

  char escaped()
  {
    if (m_at == m_line.size()) {
      throw Error(fmt::format("'{}' ends with a lone backslash", m_line));
    }
    return m_line[m_at++];
  }

  [[noreturn]] void unclosed(std::string_view quote)
  {
    throw Error(fmt::format("'{}' has an unclosed {} quote", m_line, quote));
  }

  std::string_view m_line;
  std::size_t m_at = 0;
};

} // namespace

std::vector<std::string> split_shell_words(std::string_view line)
{
  std::vector<std::string> words;
  WordReader reader(line);
  while (auto word = reader.next()) {
    words.push_back(std::move(*word));
  }
  return words;
}

} // namespace slam::util
