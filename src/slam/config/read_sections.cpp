#include "slam/config/names.hpp"
#include "slam/config/sections.hpp"

#include <fmt/core.h>

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

namespace {

void read_api(MapReader& reader, Wsgi& wsgi)
{
  auto value = reader.string("api");
  if (!value) {
    return;
  }
  for (auto api : {Api::rest, Api::http, Api::url}) {
    if (*value == to_string(api)) {
      wsgi.api = api;
      return;
    }
  }
  reader.diagnostics().error(
      *reader.node("api"),
      fmt::format("api '{}' must be one of rest, http, url", *value));
}

void read_url_auth(MapReader& reader, Wsgi& wsgi)
{
  auto value = reader.string("url_auth");
  if (!value) {
    return;
  }
  if (*value == "none" || *value == "NONE") {
    wsgi.url_auth = UrlAuth::none;
  } else if (*value == "aws_iam" || *value == "AWS_IAM") {
    wsgi.url_auth = UrlAuth::aws_iam;
  } else {
    reader.diagnostics().error(
        *reader.node("url_auth"),
        fmt::format("url_auth '{}' must be none or aws_iam", *value));
  }
}

} // namespace

void read_wsgi(MapReader& root, Wsgi& wsgi)
{
  // "wsgi:" with nothing under it still turns the plugin on.
  wsgi.enabled = root.has("wsgi");
  if (!wsgi.enabled) {
    return;
  }
  MapReader reader(
      root.node("wsgi").value_or(YAML::Node()), "wsgi", root.diagnostics());
  wsgi.deploy_api_gateway =
      reader.boolean("deploy_api_gateway").value_or(wsgi.deploy_api_gateway);
  read_api(reader, wsgi);
  wsgi.log_stages = reader.boolean("log_stages").value_or(wsgi.log_stages);
  // Only a REST API has execution logs; the other front doors would
  // silently log nothing.
  if (wsgi.log_stages && wsgi.api != Api::rest) {
    reader.diagnostics().error(*reader.node("log_stages"),
                               fmt::format("log_stages needs api: rest; the "
                                           "{} front door has no execution "
                                           "logs",
                                           to_string(wsgi.api)));
  }
  read_url_auth(reader, wsgi);
  // IAM auth exists only on a function URL; elsewhere the user would get
  // a public API while believing it signed.
  if (wsgi.url_auth == UrlAuth::aws_iam && wsgi.api != Api::url) {
    reader.diagnostics().error(*reader.node("url_auth"),
                               fmt::format("url_auth: aws_iam needs api: url; "
                                           "the {} front door is public",
                                           to_string(wsgi.api)));
  }
  reader.warn_unknown_keys();
}

void read_package(MapReader& root, Package& package)
{
  MapReader reader(root.node("package").value_or(YAML::Node()),
                   "package",
                   root.diagnostics());
  package.exclude =
      reader.string_list("exclude").value_or(std::vector<std::string>{});
  package.pip_options =
      reader.string_list("pip_options").value_or(std::vector<std::string>{});
  package.python_environment = reader.string("python_environment").value_or("");
  package.keep_packages =
      reader.integer("keep_packages", 0, 1000).value_or(package.keep_packages);
  reader.warn_unknown_keys();
}

} // namespace slam::config
