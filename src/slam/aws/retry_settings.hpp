#pragma once

#include "slam/aws/http.hpp"
#include "slam/aws/profile.hpp"
#include "slam/aws/retry.hpp"

namespace slam::aws {

// How a session retries AWS calls and how long one attempt may take.
struct CallSettings
{
  RetryPolicy retry;
  HttpTimeouts timeouts;
};

// Return the call settings of PROFILE, as the AWS CLI reads them:
// attempts from AWS_MAX_ATTEMPTS, else the profile's max_attempts, else
// the default of the retry mode (AWS_RETRY_MODE, else the profile's
// retry_mode: legacy 5, standard and adaptive 3, Slam's own when neither
// is set). Slam's own settings, in the environment: SLAM_RETRY_BASE_MS
// (the first backoff), SLAM_RETRY_TIME_LIMIT, SLAM_CONNECT_TIMEOUT and
// SLAM_REQUEST_TIMEOUT (seconds). Throw UsageError for a bad value,
// naming where it came from.
CallSettings load_call_settings(const Profile& profile);

} // namespace slam::aws
