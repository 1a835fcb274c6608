#pragma once

#include <string>

namespace slam::aws {

class Session;

// The Security Token Service (query protocol).
class Sts
{
public:
  explicit Sts(Session& session) : m_session(session) {}

  // Return the account id of the caller (GetCallerIdentity).
  std::string account_id();

private:
  Session& m_session;
};

} // namespace slam::aws
