#include "slam/local/header_fields.hpp"

#include "slam/local/request_ids.hpp"
#include "slam/util/text.hpp"

#include <algorithm>
#include <array>
#include <fmt/core.h>

namespace slam::local {
namespace {

// The names a Connection header lists are hop-by-hop too.
std::vector<std::string> connection_options(const HeaderFields& fields)
{
  std::vector<std::string> names;
  for (const auto& [name, value] : fields) {
    if (same_header(name, "Connection")) {
      for (const auto& option : util::split_list(value, ',')) {
        names.push_back(util::trim(option));
      }
    }
  }
  return names;
}

// Replace every field named NAME with one holding VALUE, at the end.
void set_field(HeaderFields& fields, std::string_view name, std::string value)
{
  std::erase_if(fields, [&](const auto& field) {
    return same_header(field.first, name);
  });
  fields.emplace_back(std::string(name), std::move(value));
}

} // namespace

std::string lower_case(std::string_view name)
{
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return lower;
}

bool writable_field(std::string_view name, std::string_view value)
{
  static constexpr std::string_view k_token_marks = "!#$%&'*+-.^_`|~";
  auto in_token = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') ||
           k_token_marks.find(c) != std::string_view::npos;
  };
  return !name.empty() && std::all_of(name.begin(), name.end(), in_token) &&
         value.find_first_of(std::string_view("\r\n\0", 3)) ==
             std::string_view::npos;
}

bool same_header(std::string_view a, std::string_view b)
{
  return a.size() == b.size() && lower_case(a) == lower_case(b);
}

const std::string* last_value(const HeaderFields& fields, std::string_view name)
{
  const std::string* found = nullptr;
  for (const auto& field : fields) {
    if (same_header(field.first, name)) {
      found = &field.second;
    }
  }
  return found;
}

bool is_hop_by_hop(std::string_view name)
{
  static constexpr std::array<std::string_view, 8> names = {
      "connection",
      "keep-alive",
      "proxy-authenticate",
      "proxy-authorization",
      "proxy-connection",
      "te",
      "trailer",
      "transfer-encoding"};
  auto lower = lower_case(name);
  return lower == "upgrade" ||
         std::find(names.begin(), names.end(), lower) != names.end();
}

HeaderFields without_hop_by_hop(const HeaderFields& fields)
{
  auto options = connection_options(fields);
  HeaderFields kept;
  for (const auto& field : fields) {
    bool listed = std::any_of(
        options.begin(), options.end(), [&](const std::string& option) {
          return same_header(option, field.first);
        });
    if (!listed && !is_hop_by_hop(field.first)) {
      kept.push_back(field);
    }
  }
  return kept;
}

HeaderFields forwarded_headers(const HttpRequest& request)
{
  auto fields = without_hop_by_hop(request.headers);
  const auto* forwarded_for = last_value(fields, "X-Forwarded-For");
  auto chain = forwarded_for != nullptr
                   ? fmt::format("{}, {}", *forwarded_for, request.source_ip)
                   : request.source_ip;
  set_field(fields, "X-Forwarded-For", chain);
  set_field(fields, "X-Forwarded-Port", std::to_string(request.port));
  set_field(fields, "X-Forwarded-Proto", "http");
  if (last_value(fields, "X-Amzn-Trace-Id") == nullptr) {
    fields.emplace_back("X-Amzn-Trace-Id", random_trace_id(request.time));
  }
  return fields;
}

bool is_text_media_type(std::string_view content_type)
{
  auto media_type =
      lower_case(util::trim(content_type.substr(0, content_type.find(';'))));
  auto slash = media_type.find('/');
  if (slash == std::string::npos) {
    return false;
  }
  auto kind = media_type.substr(0, slash);
  auto subtype = media_type.substr(slash + 1);
  static constexpr std::array<std::string_view, 9> text_subtypes = {
      "json",
      "xml",
      "javascript",
      "x-javascript",
      "ecmascript",
      "yaml",
      "x-yaml",
      "x-www-form-urlencoded",
      "svg+xml"};
  auto ends_with = [&](std::string_view suffix) {
    return subtype.size() > suffix.size() && subtype.ends_with(suffix);
  };
  return kind == "text" ||
         std::find(text_subtypes.begin(), text_subtypes.end(), subtype) !=
             text_subtypes.end() ||
         ends_with("+json") || ends_with("+xml") || ends_with("+yaml");
}

} // namespace slam::local
