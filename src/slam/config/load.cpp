#include "slam/config/load.hpp"

#include "slam/config/document_checks.hpp"
#include "slam/config/names.hpp"
#include "slam/config/sections.hpp"
#include "slam/config/yaml_cycles.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/utf8.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <fstream>

namespace slam::config {
namespace {

// The largest config file read: CloudFormation takes templates up to
// 1 MB, and inline resources in YAML take more; a wrong file
// (`-c /dev/zero`, a log) is refused before it fills memory.
constexpr std::size_t k_max_config_size = 4 << 20;

// CloudFormation refuses longer stack and function descriptions.
constexpr std::size_t k_max_description = 1024;

// The most of a value an error quotes.
constexpr std::size_t k_max_quoted = 200;

// Record an error when CHECK finds VALUE invalid.
template <typename Check>
void check(Diagnostics& diagnostics,
           const YAML::Node& node,
           const std::string& key,
           const std::string& value,
           Check check_value)
{
  if (auto problem = check_value(value)) {
    diagnostics.error(node,
                      fmt::format("{} '{}' {}",
                                  key,
                                  util::cap_length(value, k_max_quoted),
                                  *problem));
  }
}

// Return why VALUE cannot be the requirements file of the project in
// PROJECT_DIR, or nothing: pip reads it as a file.
std::optional<std::string>
requirements_problem(const std::filesystem::path& project_dir,
                     const std::string& value)
{
  auto path = std::filesystem::path(value);
  auto last = path.filename();
  std::error_code error;
  if (value.empty() || last.empty() || last == "." || last == ".." ||
      std::filesystem::is_directory(project_dir / path, error)) {
    return "must name a file, such as 'requirements.txt'";
  }
  return std::nullopt;
}

void read_function(MapReader& root, Config& config)
{
  auto node = root.node("function");
  if (!node) {
    root.diagnostics().error_at(
        1, 1, "missing 'function' section (function: {module: ..., app: ...})");
    return;
  }
  MapReader function(*node, "function", root.diagnostics());
  auto module = function.string("module");
  auto app = function.string("app");
  auto& diagnostics = root.diagnostics();
  if (!module || !app) {
    diagnostics.error(*node, "function needs both 'module' and 'app'");
  }
  if (module) {
    check(
        diagnostics, *function.node("module"), "module", *module, check_module);
    config.module = *module;
  }
  if (app) {
    check(diagnostics, *function.node("app"), "app", *app, check_attribute);
    config.app = *app;
  }
  function.warn_unknown_keys();
}

// A plain function answers direct invocations only: a front door to it
// would publish a URL that can only fail.
void check_front_door(MapReader& root, const Config& config)
{
  if (config.interface == Interface::function && config.wsgi.enabled &&
      config.wsgi.deploy_api_gateway) {
    auto message = "interface: function takes direct invocations only; "
                   "remove the wsgi section or set "
                   "wsgi.deploy_api_gateway: false";
    // An empty "wsgi:" is present but has no node of its own.
    if (auto node = root.node("wsgi")) {
      root.diagnostics().error(*node, message);
    } else {
      root.error(message);
    }
  }
}

void read_interface(MapReader& root, Config& config)
{
  auto value = root.string("interface");
  if (!value) {
    return;
  }
  static const std::vector<std::pair<std::string, Interface>> k_names = {
      {"wsgi", Interface::wsgi},
      {"asgi", Interface::asgi},
      {"function", Interface::function}};
  for (const auto& [name, interface] : k_names) {
    if (*value == name) {
      config.interface = interface;
      if (interface == Interface::asgi) {
        // TODO: remove once the handler runs ASGI apps (the adapter issue).
        root.diagnostics().warning(*root.node("interface"),
                                   "ASGI apps are not supported by this "
                                   "version's handler yet; their requests "
                                   "get a 500 answer");
      }
      return;
    }
  }
  root.diagnostics().error(*root.node("interface"),
                           fmt::format("interface '{}' must be one of wsgi, "
                                       "asgi, function",
                                       *value));
}

void read_stages(MapReader& root, Config& config)
{
  auto& diagnostics = root.diagnostics();
  if (auto node = root.node("environment")) {
    read_variables(*node, "environment", diagnostics, config.environment);
  }
  auto stages = root.node("stage_environments");
  if (stages && !stages->IsMap()) {
    diagnostics.error(*stages,
                      "stage_environments must be a mapping of "
                      "stage names to variables");
  } else if (stages) {
    for (const auto& entry : *stages) {
      Stage stage{entry.first.as<std::string>(""), {}};
      check(diagnostics, entry.first, "stage", stage.name, check_stage_name);
      read_variables(entry.second,
                     "stage '" + stage.name + "'",
                     diagnostics,
                     stage.environment);
      config.stages.push_back(std::move(stage));
    }
  }
  if (config.stages.empty()) {
    config.stages.push_back(Stage{config.devstage, {}});
  }
  if (config.find_stage(config.devstage) == nullptr) {
    auto node = root.node("devstage");
    auto message = fmt::format("devstage '{}' is not one of the stages in "
                               "stage_environments",
                               config.devstage);
    if (node) {
      diagnostics.error(*node, message);
    } else {
      diagnostics.error(*stages, message);
    }
  }
}

void read_core(MapReader& root, Config& config)
{
  auto& diagnostics = root.diagnostics();
  if (auto name = root.string("name")) {
    check(diagnostics, *root.node("name"), "name", *name, check_project_name);
    config.name = *name;
  } else {
    diagnostics.error_at(1, 1, "missing 'name' (the project name)");
  }
  config.description = root.string("description").value_or("");
  if (config.description.size() > k_max_description) {
    diagnostics.error(*root.node("description"),
                      fmt::format("description must be at most {} characters "
                                  "(CloudFormation's limit)",
                                  k_max_description));
  }
  read_function(root, config);
  read_interface(root, config);
  root.node("type"); // the original's "type: wsgi"; nothing to read
  if (auto requirements = root.string("requirements")) {
    check(root.diagnostics(),
          *root.node("requirements"),
          "requirements",
          *requirements,
          [&](const std::string& value) {
            return requirements_problem(config.project_dir, value);
          });
    config.requirements = *requirements;
    config.requirements_given = true;
  }
  if (auto devstage = root.string("devstage")) {
    check(diagnostics,
          *root.node("devstage"),
          "devstage",
          *devstage,
          check_stage_name);
    config.devstage = *devstage;
  }
  read_stages(root, config);
}

// A YAML stream is Unicode: refuse bytes that are not UTF-8 before the
// parser sees them, at their line and column. Past the parser they would
// reach tags, anchors and comments that no check reads, and the JSON of
// the config, which cannot hold them.
void check_encoding(std::string_view text, Diagnostics& diagnostics)
{
  int line = 1;
  std::size_t line_start = 0;
  for (auto bad = util::first_invalid_utf8(text);
       bad != std::string_view::npos;) {
    line += static_cast<int>(
        std::count(text.begin() + line_start, text.begin() + bad, '\n'));
    line_start = text.rfind('\n', bad) + 1; // npos + 1 is 0
    auto line_end = std::min(text.find('\n', bad), text.size());
    auto line_text = text.substr(line_start, line_end - line_start);
    diagnostics.error_at(line,
                         static_cast<int>(bad - line_start + 1),
                         fmt::format("'{}' is not valid UTF-8 text",
                                     util::escape_utf8(util::cap_length(
                                         std::string(line_text), 200))));
    if (line_end == text.size()) {
      break;
    }
    auto next = util::first_invalid_utf8(text.substr(line_end));
    bad = next == std::string_view::npos ? next : line_end + next;
  }
  diagnostics.throw_if_errors();
}

YAML::Node parse_yaml(const std::string& text, Diagnostics& diagnostics)
{
  try {
    auto shape = scan_yaml(text);
    if (shape.self_alias) {
      diagnostics.error_at(shape.self_alias->line + 1,
                           shape.self_alias->column + 1,
                           "an alias inside the value of its own anchor: "
                           "that value would contain itself");
    }
    if (shape.second_document) {
      // What follows a second '---' would be ignored without a word.
      diagnostics.error_at(shape.second_document->line + 1,
                           shape.second_document->column + 1,
                           "a second YAML document starts here; the config "
                           "file holds one");
    }
    diagnostics.throw_if_errors();
    return YAML::Load(text);
  } catch (const YAML::ParserException& error) {
    diagnostics.error_at(error.mark.line + 1,
                         error.mark.column + 1,
                         "invalid YAML: " + error.msg);
    diagnostics.throw_if_errors();
  }
  return {};
}

} // namespace

Config parse_config(const std::string& text,
                    const std::string& label,
                    const std::filesystem::path& project_dir)
{
  Diagnostics diagnostics(label);
  check_encoding(text, diagnostics);
  auto root_node = parse_yaml(text, diagnostics);
  if (is_empty(root_node) || !root_node.IsMap()) {
    diagnostics.error_at(1,
                         1,
                         "the file must be a YAML mapping with at least "
                         "'name' and 'function'; run 'slam init' to "
                         "write one");
    diagnostics.throw_if_errors();
  }
  if (!check_document(root_node, diagnostics)) {
    diagnostics.throw_if_errors();
  }
  Config config;
  config.file = label;
  config.project_dir = project_dir;
  MapReader root(root_node, "the top level", diagnostics);
  read_core(root, config);
  read_aws(root, config.aws);
  read_wsgi(root, config.wsgi);
  check_front_door(root, config);
  read_tables(root, config.dynamodb_tables);
  read_schedules(root, config);
  read_package(root, config.package);
  read_plugins(root, config.plugins);
  root.warn_unknown_keys();
  diagnostics.throw_if_errors();
  config.document = to_json(root_node);
  return config;
}

Config load_config(const std::filesystem::path& path)
{
  if (!std::filesystem::exists(path)) {
    throw UsageError(fmt::format("config file '{}' not found; run 'slam init "
                                 "module:app' to create one, or pass -c FILE",
                                 path.string()));
  }
  auto text = util::read_file(path, k_max_config_size, "config file");
  auto dir = std::filesystem::absolute(path).parent_path();
  return parse_config(text, path.string(), dir);
}

} // namespace slam::config
