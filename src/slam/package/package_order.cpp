#include "slam/package/package_order.hpp"

#include <algorithm>
#include <string_view>

namespace slam::package {

std::vector<std::size_t> zip_order(const std::vector<EntrySource>& sources,
                                   const std::vector<PackagePart>& parts)
{
  // Sorted as keys side by side: comparing through the sources' indexes
  // cost a rebuild half a millisecond in cache misses.
  struct Key
  {
    PackagePart part;
    std::string_view name;
    std::size_t index;

    auto operator<=>(const Key&) const = default;
  };
  std::vector<Key> keys;
  keys.reserve(sources.size());
  for (std::size_t i = 0; i < sources.size(); ++i) {
    keys.push_back({parts[i], sources[i].name, i});
  }
  // Names are unique in a package (the zip writer refuses others); the
  // index only settles ties in a package it will refuse.
  std::sort(keys.begin(), keys.end());
  std::vector<std::size_t> order;
  order.reserve(keys.size());
  for (const auto& key : keys) {
    order.push_back(key.index);
  }
  return order;
}

std::vector<std::size_t> part_starts(const std::vector<std::size_t>& order,
                                     const std::vector<PackagePart>& parts)
{
  std::vector<std::size_t> starts;
  for (std::size_t i = 1; i < order.size(); ++i) {
    if (parts[order[i]] != parts[order[i - 1]]) {
      starts.push_back(i);
    }
  }
  return starts;
}

} // namespace slam::package
