#include "slam/package/distribution_closure.hpp"

#include "slam/package/distribution_name.hpp"
#include "slam/util/error.hpp"

#include <algorithm>
#include <deque>
#include <fmt/core.h>
#include <map>
#include <set>

namespace slam::package {
namespace {

// Walks the dependency graph, reaching each distribution once per extra.
class ClosureWalk
{
public:
  ClosureWalk(const std::vector<Distribution>& distributions,
              const std::string& environment)
      : m_environment(environment)
  {
    for (const auto& distribution : distributions) {
      m_installed.emplace(normalize_name(distribution.name), &distribution);
    }
  }

  void add(const Wanted& wanted)
  {
    auto name = normalize_name(wanted.name);
    auto found = m_installed.find(name);
    if (found == m_installed.end()) {
      throw Error(fmt::format(
          "'{}' (needed by {}) is not installed in the python environment "
          "'{}'; install it there or remove it from the requirements",
          wanted.name,
          wanted.wanted_by,
          m_environment));
    }
    // "" stands for the distribution itself, then each extra asked for.
    auto& reached = m_reached[name];
    std::vector<std::string> extras{""};
    for (const auto& extra : wanted.extras) {
      extras.push_back(normalize_name(extra));
    }
    for (const auto& extra : extras) {
      if (reached.insert(extra).second) {
        m_pending.emplace_back(found->second, extra);
      }
    }
  }

  void run()
  {
    while (!m_pending.empty()) {
      auto [distribution, extra] = m_pending.front();
      m_pending.pop_front();
      for (const auto& dependency : distribution->dependencies) {
        const auto& when = dependency.when;
        if (std::find(when.begin(), when.end(), extra) != when.end()) {
          add({dependency.name,
               dependency.extras,
               fmt::format("'{}'", distribution->name)});
        }
      }
    }
  }

  std::vector<Distribution> result() const
  {
    std::vector<Distribution> needed;
    for (const auto& [name, extras] : m_reached) {
      needed.push_back(*m_installed.at(name));
    }
    return needed;
  }

private:
  std::string m_environment;
  std::map<std::string, const Distribution*> m_installed;
  std::map<std::string, std::set<std::string>> m_reached;
  std::deque<std::pair<const Distribution*, std::string>> m_pending;
};

} // namespace

std::vector<Distribution>
distribution_closure(const std::vector<Wanted>& wanted,
                     const std::vector<Distribution>& distributions,
                     const std::string& environment)
{
  ClosureWalk walk(distributions, environment);
  for (const auto& item : wanted) {
    walk.add(item);
  }
  walk.run();
  return walk.result();
}

} // namespace slam::package
