#include "slam/aws/headers.hpp"

#include <algorithm>

namespace slam::aws {

bool same_header_name(std::string_view a, std::string_view b)
{
  auto lower = [](unsigned char c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) {
           return lower(x) == lower(y);
         });
}

std::optional<std::string> find_header(const Headers& headers,
                                       std::string_view name)
{
  for (const auto& [key, value] : headers) {
    if (same_header_name(key, name)) {
      return value;
    }
  }
  return std::nullopt;
}

void set_header(Headers& headers, std::string_view name, std::string value)
{
  std::erase_if(headers, [&](const auto& header) {
    return same_header_name(header.first, name);
  });
  headers.emplace_back(std::string(name), std::move(value));
}

} // namespace slam::aws
