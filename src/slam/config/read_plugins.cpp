#include "slam/config/names.hpp"
#include "slam/config/sections.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace slam::config {

void read_plugins(MapReader& root, std::vector<std::string>& plugins)
{
  auto node = root.node("plugins");
  auto names = root.string_list("plugins");
  if (!node || !names) {
    return;
  }
  for (const auto& name : *names) {
    if (auto problem = check_plugin_name(name)) {
      root.diagnostics().error(*node,
                               fmt::format("plugin '{}' {}", name, *problem));
    } else if (std::find(plugins.begin(), plugins.end(), name) !=
               plugins.end()) {
      root.diagnostics().error(*node,
                               fmt::format("plugins names '{}' twice", name));
    }
    plugins.push_back(name);
    // An external plugin reads its settings from the top-level section
    // of its name; it is the plugin's to check, not a typo.
    root.has(name);
  }
}

} // namespace slam::config
