#include "slam/aws/query_api.hpp"

#include "slam/aws/session.hpp"

#include <fmt/core.h>

namespace slam::aws {

std::string call_query_api(Session& session,
                           std::string_view service,
                           std::string_view version,
                           std::string_view action,
                           const QueryParams& params)
{
  QueryParams form = {{"Action", std::string(action)},
                      {"Version", std::string(version)}};
  form.insert(form.end(), params.begin(), params.end());
  ServiceRequest request;
  request.service = service;
  request.operation = action;
  request.method = "POST";
  request.headers = {
      {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  request.body = encode_query(form);
  return session.send(request).body;
}

void add_member_list(QueryParams& params,
                     std::string_view name,
                     const std::vector<std::string>& list)
{
  for (size_t i = 0; i < list.size(); ++i) {
    params.emplace_back(fmt::format("{}.member.{}", name, i + 1), list[i]);
  }
}

} // namespace slam::aws
