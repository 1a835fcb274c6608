#include "slam/aws/session.hpp"

#include "slam/aws/region.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>

namespace slam::aws {

Session::Session(ClientOptions options,
                 std::string config_region,
                 std::optional<RetryPolicy> retry)
    : m_options(std::move(options)), m_config_region(std::move(config_region)),
      m_given_retry(retry), m_http(std::make_unique<HttpClient>())
{
}

Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

const Profile& Session::profile()
{
  if (!m_profile) {
    m_profile = load_profile(m_options.profile);
  }
  return *m_profile;
}

const std::string& Session::region()
{
  if (!m_region) {
    m_region = resolve_region(m_options.region, profile(), m_config_region);
  }
  return *m_region;
}

const Credentials& Session::credentials()
{
  bool stale = m_credentials && !m_fixed_credentials &&
               expires_soon(*m_credentials, std::chrono::system_clock::now());
  if (stale) {
    util::debugf("the credentials from {} expire at {}; renewing them",
                 m_credentials->source,
                 format_iso8601(*m_credentials->expiration));
  }
  if (!m_credentials || stale) {
    m_credentials = resolve_credentials(
        profile(), CredentialContext{m_options.endpoint_url, region()});
    // Only the key id's last characters: enough to tell keys apart.
    const auto& key = m_credentials->access_key_id;
    util::debugf("using the AWS access key ending in '{}' from {}",
                 key.size() > 4 ? key.substr(key.size() - 4) : "",
                 m_credentials->source);
  }
  return *m_credentials;
}

void Session::use_credentials(Credentials credentials)
{
  m_credentials = std::move(credentials);
  m_fixed_credentials = true;
}

Endpoint Session::endpoint(std::string_view service)
{
  return resolve_endpoint(service, m_options.endpoint_url, region());
}

Timestamp Session::aws_time() const
{
  return std::chrono::system_clock::now() + m_clock_offset;
}

const CallSettings& Session::call_settings()
{
  if (!m_call_settings) {
    m_call_settings = load_call_settings(profile());
    if (m_given_retry) {
      m_call_settings->retry = *m_given_retry;
    }
  }
  return *m_call_settings;
}

} // namespace slam::aws
