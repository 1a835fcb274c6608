#include "slam/config/names.hpp"
#include "slam/config/sections.hpp"
#include "slam/util/glob_pattern.hpp"

#include <fmt/core.h>
#include <regex>

namespace slam::config {

void read_variables(const YAML::Node& node,
                    const std::string& section,
                    Diagnostics& diagnostics,
                    Variables& variables)
{
  if (is_empty(node)) {
    return;
  }
  if (!node.IsMap()) {
    diagnostics.error(node,
                      fmt::format("{} must be a mapping of variable "
                                  "names to values",
                                  section));
    return;
  }
  for (const auto& entry : node) {
    auto name = entry.first.as<std::string>("");
    if (auto problem = check_variable_name(name)) {
      diagnostics.error(entry.first,
                        fmt::format("variable '{}' {}", name, *problem));
    }
    if (is_empty(entry.second)) {
      variables.emplace_back(name, "");
    } else if (auto text = scalar_text(entry.second)) {
      variables.emplace_back(name, *text);
    } else {
      diagnostics.error(entry.second,
                        fmt::format("variable '{}' must have a single value "
                                    "(a string or a number)",
                                    name));
    }
  }
}

// Return the distribution names listed under KEY of READER's package
// section; one that is not a name is an error.
std::vector<std::string> distribution_names(MapReader& reader,
                                            const std::string& key)
{
  static const std::regex k_name("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
  auto names = reader.string_list(key).value_or(std::vector<std::string>{});
  for (const auto& name : names) {
    if (!std::regex_match(name, k_name)) {
      reader.diagnostics().error(
          *reader.node(key),
          fmt::format("package.{}: '{}' is not a distribution name (a "
                      "name as on PyPI, such as 'psycopg2' or 'lxml')",
                      key,
                      name));
      return {};
    }
  }
  return names;
}

// Record an error when TEXT, the package.exclude item at NODE, is no
// pattern or a malformed one.
void check_exclude_glob(const std::string& text,
                        const YAML::Node& node,
                        Diagnostics& diagnostics)
{
  // The '!', '/' and '/' ends mean what they mean to Glob.
  std::string_view body = text;
  auto skipped = body.starts_with('!') ? 1u : 0u;
  skipped += body.substr(skipped).starts_with('/') ? 1 : 0;
  body.remove_prefix(skipped);
  body.remove_suffix(body.ends_with('/') ? 1 : 0);
  if (body.empty()) {
    diagnostics.error(node,
                      fmt::format("package.exclude: '{}' has no pattern; "
                                  "remove it",
                                  text));
    return;
  }
  auto problem = util::GlobPattern(body).problem();
  if (!problem) {
    return;
  }
  auto quoted = node.Tag() == "!" ? 1 : 0;
  auto column = node.Mark().column + 1 + quoted + skipped + problem->position;
  diagnostics.error_at(node.Mark().line + 1,
                       static_cast<int>(column),
                       fmt::format("package.exclude: {} in '{}'; {}",
                                   problem->what,
                                   text,
                                   problem->advice));
}

// Return the globs of package.exclude, each checked.
std::vector<std::string> exclude_globs(MapReader& reader)
{
  auto globs = reader.string_list("exclude");
  if (!globs) {
    return {};
  }
  auto node = *reader.node("exclude");
  for (std::size_t i = 0; i < globs->size(); ++i) {
    check_exclude_glob(
        (*globs)[i], node.IsSequence() ? node[i] : node, reader.diagnostics());
  }
  return *globs;
}

void read_package(MapReader& root, Package& package)
{
  MapReader reader(root.node("package").value_or(YAML::Node()),
                   "package",
                   root.diagnostics());
  package.exclude = exclude_globs(reader);
  package.pip_options =
      reader.string_list("pip_options").value_or(std::vector<std::string>{});
  package.python_environment = reader.string("python_environment").value_or("");
  package.build_from_source = distribution_names(reader, "build_from_source");
  package.keep_packages =
      reader.integer("keep_packages", 0, 1000).value_or(package.keep_packages);
  package.compile = reader.boolean("compile").value_or(package.compile);
  reader.warn_unknown_keys();
}

} // namespace slam::config
