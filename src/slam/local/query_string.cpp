#include "slam/local/query_string.hpp"

#include "slam/util/percent.hpp"

#include <algorithm>

namespace slam::local {

std::string decode_query_component(std::string_view text)
{
  // '+' first: a "%2B" decodes to a '+' that stays one.
  std::string spaced(text);
  std::replace(spaced.begin(), spaced.end(), '+', ' ');
  return util::uri_decode(spaced);
}

QueryParameters parse_query(std::string_view query)
{
  QueryParameters parameters;
  while (!query.empty()) {
    auto end = query.find('&');
    auto piece = query.substr(0, end);
    query = end == std::string_view::npos ? std::string_view{}
                                          : query.substr(end + 1);
    if (piece.empty()) {
      continue;
    }
    auto equals = piece.find('=');
    auto name = piece.substr(0, equals);
    auto value = equals == std::string_view::npos ? std::string_view{}
                                                  : piece.substr(equals + 1);
    parameters.emplace_back(decode_query_component(name),
                            decode_query_component(value));
  }
  return parameters;
}

} // namespace slam::local
