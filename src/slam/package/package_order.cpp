#include "slam/package/package_order.hpp"

#include <algorithm>
#include <numeric>

namespace slam::package {

std::vector<std::size_t> zip_order(const std::vector<EntrySource>& sources,
                                   const std::vector<PackagePart>& parts)
{
  std::vector<std::size_t> order(sources.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Names are unique in a package (the zip writer refuses others); the
  // index only settles ties in a package it will refuse.
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (parts[a] != parts[b]) {
      return parts[a] < parts[b];
    }
    if (sources[a].name != sources[b].name) {
      return sources[a].name < sources[b].name;
    }
    return a < b;
  });
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
