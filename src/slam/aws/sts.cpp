#include "slam/aws/sts.hpp"

#include "slam/aws/query_api.hpp"
#include "slam/util/error.hpp"

#include <pugixml.hpp>

namespace slam::aws {

std::string Sts::account_id()
{
  auto xml =
      call_query_api(m_session, "sts", "2011-06-15", "GetCallerIdentity", {});
  pugi::xml_document document;
  document.load_buffer(xml.data(), xml.size());
  std::string account = document.document_element()
                            .child("GetCallerIdentityResult")
                            .child_value("Account");
  if (account.empty()) {
    throw Error("sts GetCallerIdentity: the answer has no account id");
  }
  return account;
}

Credentials Sts::assume_role(const AssumeRoleRequest& request,
                             const std::string& source)
{
  QueryParams params = {{"RoleArn", request.role_arn},
                        {"RoleSessionName", request.session_name}};
  auto add = [&](const char* name, const std::string& value) {
    if (!value.empty()) {
      params.emplace_back(name, value);
    }
  };
  add("ExternalId", request.external_id);
  add("SerialNumber", request.mfa_serial);
  add("TokenCode", request.mfa_code);
  if (request.duration_seconds) {
    params.emplace_back("DurationSeconds",
                        std::to_string(*request.duration_seconds));
  }
  auto xml =
      call_query_api(m_session, "sts", "2011-06-15", "AssumeRole", params);
  return parse_assume_role_response(xml, source);
}

Credentials parse_assume_role_response(std::string_view xml,
                                       const std::string& source)
{
  pugi::xml_document document;
  document.load_buffer(xml.data(), xml.size());
  auto node = document.document_element()
                  .child("AssumeRoleResult")
                  .child("Credentials");
  Credentials credentials{node.child_value("AccessKeyId"),
                          node.child_value("SecretAccessKey"),
                          node.child_value("SessionToken"),
                          source,
                          parse_iso8601(node.child_value("Expiration"))};
  if (credentials.access_key_id.empty() ||
      credentials.secret_access_key.empty() ||
      credentials.session_token.empty() || !credentials.expiration) {
    throw Error("sts AssumeRole: the answer holds no complete credentials");
  }
  return credentials;
}

} // namespace slam::aws
