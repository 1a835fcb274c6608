#pragma once

#include "slam/aws/headers.hpp"
#include "slam/util/error.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace slam::aws {

// An error answer of an AWS service, shown as
// "<service> <operation>: <code>: <message>".
class AwsError : public Error
{
public:
  AwsError(std::string service,
           std::string operation,
           std::string code,
           std::string message,
           long http_status);

  const std::string& service() const { return m_service; }
  const std::string& operation() const { return m_operation; }
  const std::string& code() const { return m_code; }
  const std::string& message() const { return m_message; }
  long http_status() const { return m_http_status; }

  // Return how many attempts the call made, this error answering the last.
  int attempts() const { return m_attempts; }

  // Return whether an earlier attempt of the call got no clear answer (a
  // dropped connection, a 5xx) and so may have been carried out: an
  // "already exists" may then be the call's own doing.
  bool earlier_attempt_uncertain() const { return m_earlier_uncertain; }

  // Return this error as the answer to the last of ATTEMPTS attempts,
  // made in ELAPSED; EARLIER_UNCERTAIN as above. The message says how
  // many attempts there were when more than one.
  AwsError after_attempts(int attempts,
                          std::chrono::milliseconds elapsed,
                          bool earlier_uncertain) const;

private:
  std::string m_service;
  std::string m_operation;
  std::string m_code;
  std::string m_message;
  long m_http_status;
  int m_attempts = 1;
  bool m_earlier_uncertain = false;
};

// Return the error that an answer with STATUS, HEADERS and BODY to
// SERVICE's OPERATION describes, whatever the protocol: query XML
// (<ErrorResponse><Error>), S3 XML (<Error>), JSON (__type or code, and
// message; the x-amzn-ErrorType header), or, for the plain text and HTML
// pages that moto sometimes sends, the first line of text. Without a code
// the code is "HTTP <status>".
AwsError parse_error_response(std::string_view service,
                              std::string_view operation,
                              long status,
                              const Headers& headers,
                              std::string_view body);

} // namespace slam::aws
