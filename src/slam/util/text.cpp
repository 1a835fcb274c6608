#include "slam/util/text.hpp"

#include <algorithm>
#include <numeric>

namespace slam::util {

std::size_t edit_distance(std::string_view a, std::string_view b)
{
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string>
closest_match(std::string_view word, const std::vector<std::string>& candidates)
{
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    auto distance = edit_distance(word, candidate);
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  // A third of the word may be wrong: "deplyo" -> "deploy", not "x" -> "init".
  std::size_t allowed = std::max<std::size_t>(1, word.size() / 3);
  if (best && best_distance <= allowed) {
    return best;
  }
  return std::nullopt;
}

std::vector<std::string> split_list(std::string_view text, char separator)
{
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(separator, start);
    auto item = trim(text.substr(start, end - start));
    if (!item.empty()) {
      items.push_back(item);
    }
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  return items;
}

std::string trim(std::string_view text)
{
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string last_lines(const std::string& text, std::size_t count)
{
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    auto line = text.substr(start, end == text.npos ? text.npos : end - start);
    if (line.find_first_not_of(" \t\r") != line.npos) {
      lines.push_back(line);
    }
    start = end == text.npos ? text.size() : end + 1;
  }
  auto first = lines.size() > count ? lines.size() - count : 0;
  std::string tail;
  for (size_t i = first; i < lines.size(); ++i) {
    tail += (tail.empty() ? "" : "\n") + lines[i];
  }
  return tail;
}

} // namespace slam::util
