#pragma once

#include "slam/aws/credentials.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace slam::aws {

class Session;

// What AssumeRole is asked; empty fields are left out.
struct AssumeRoleRequest
{
  std::string role_arn;
  std::string session_name;
  std::string external_id;
  std::string mfa_serial;
  std::string mfa_code;
  std::optional<int> duration_seconds;
};

// The Security Token Service (query protocol).
class Sts
{
public:
  explicit Sts(Session& session) : m_session(session) {}

  // Return the account id of the caller (GetCallerIdentity).
  std::string account_id();

  // Return the temporary credentials of the role REQUEST names
  // (AssumeRole), their source described as SOURCE.
  Credentials assume_role(const AssumeRoleRequest& request,
                          const std::string& source);

private:
  Session& m_session;
};

// Return the credentials in XML, an AssumeRole answer, their source
// described as SOURCE; throw slam::Error when it holds none.
Credentials parse_assume_role_response(std::string_view xml,
                                       const std::string& source);

} // namespace slam::aws
