#pragma once

// The fixture of the Session tests: fake credentials, a region, and
// sessions that send everything to a scripted fake server.

#include "aws_fake_server.hpp"
#include "aws_test_support.hpp"
#include "slam/aws/session.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace slam::aws::testing {

using namespace std::chrono_literals;

inline constexpr const char* k_identity =
    "<GetCallerIdentityResponse><GetCallerIdentityResult>"
    "<Account>111122223333</Account>"
    "</GetCallerIdentityResult></GetCallerIdentityResponse>";

inline constexpr const char* k_throttling =
    "<ErrorResponse><Error><Code>Throttling</Code>"
    "<Message>Rate exceeded</Message></Error></ErrorResponse>";

// Retries without waiting, so the tests stay fast.
inline const RetryPolicy k_no_wait{4, 0ms, 0ms};

class AwsSession : public AwsEnvTest
{
protected:
  void SetUp() override
  {
    AwsEnvTest::SetUp();
    set_env("AWS_ACCESS_KEY_ID", "AKIDTEST");
    set_env("AWS_SECRET_ACCESS_KEY", "very-secret-key");
    set_env("AWS_REGION", "eu-west-1");
  }

  // Return a session whose every service goes to SERVER.
  std::unique_ptr<Session> session_for(const FakeServer& server,
                                       const RetryPolicy& retry = k_no_wait)
  {
    return std::make_unique<Session>(
        ClientOptions{"", "", server.url()}, "", retry);
  }

  // Return the message of the slam::Error that CALL throws.
  template <typename Call>
  std::string error_of(Call call)
  {
    try {
      call();
    } catch (const slam::Error& error) {
      return error.what();
    }
    return "no error";
  }
};

} // namespace slam::aws::testing
