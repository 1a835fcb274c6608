#include "slam/config/http_values.hpp"
#include "slam/config/sections.hpp"
#include "slam/util/utf8.hpp"

#include <fmt/core.h>

namespace slam::config {
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

// Read wsgi.base_path, the custom domain's base path the adapter strips
// from the path.
void read_base_path(MapReader& reader, Wsgi& wsgi)
{
  auto value = reader.string("base_path");
  if (!value) {
    return;
  }
  if (auto problem = check_base_path(*value)) {
    reader.diagnostics().error(
        *reader.node("base_path"),
        fmt::format("base_path '{}' {}", util::escape_utf8(*value), *problem));
    return;
  }
  wsgi.base_path = trim_base_path(*value);
}

// Return the list of media types under KEY, lowercase; an invalid entry
// is an error at its own position.
std::vector<std::string> read_media_types(MapReader& reader,
                                          const std::string& key)
{
  auto items = reader.string_list(key);
  if (!items) {
    return {};
  }
  auto node = *reader.node(key);
  std::vector<std::string> media_types;
  for (std::size_t i = 0; i < items->size(); ++i) {
    auto media_type = lowercase_media_type((*items)[i]);
    if (auto problem = check_media_type(media_type)) {
      reader.diagnostics().error(node.IsSequence() ? node[i] : node,
                                 fmt::format("{} entry '{}' {}",
                                             key,
                                             util::escape_utf8((*items)[i]),
                                             *problem));
    } else {
      media_types.push_back(media_type);
    }
  }
  return media_types;
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
  read_base_path(reader, wsgi);
  wsgi.text_types = read_media_types(reader, "text_types");
  wsgi.binary_types = read_media_types(reader, "binary_types");
  reader.warn_unknown_keys();
}

} // namespace slam::config
