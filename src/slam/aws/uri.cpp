#include "slam/aws/uri.hpp"

namespace slam::aws {

std::string encode_query(const QueryParams& params)
{
  std::string query;
  for (const auto& [name, value] : params) {
    if (!query.empty()) {
      query += '&';
    }
    query += uri_encode(name);
    query += '=';
    query += uri_encode(value);
  }
  return query;
}

QueryParams decode_query(std::string_view query)
{
  QueryParams params;
  while (!query.empty()) {
    auto end = query.find('&');
    auto pair = query.substr(0, end);
    query = end == std::string_view::npos ? "" : query.substr(end + 1);
    if (pair.empty()) {
      continue;
    }
    auto equals = pair.find('=');
    if (equals == std::string_view::npos) {
      params.emplace_back(uri_decode(pair), "");
    } else {
      params.emplace_back(uri_decode(pair.substr(0, equals)),
                          uri_decode(pair.substr(equals + 1)));
    }
  }
  return params;
}

} // namespace slam::aws
