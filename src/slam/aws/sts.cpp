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

} // namespace slam::aws
