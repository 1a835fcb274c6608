#include "slam/package/distribution_name.hpp"

namespace slam::package {

std::string normalize_name(std::string_view name)
{
  std::string normal;
  bool in_separator_run = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (!in_separator_run) {
        normal += '-';
      }
      in_separator_run = true;
      continue;
    }
    in_separator_run = false;
    normal += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return normal;
}

} // namespace slam::package
