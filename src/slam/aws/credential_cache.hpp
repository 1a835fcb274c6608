#pragma once

#include "slam/aws/credentials.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slam::aws {

// Temporary credentials kept between runs, like the AWS CLI's
// ~/.aws/cli/cache: a role's or an SSO account's credentials last up to
// hours, and a user should not type an MFA code for every deploy. One
// JSON file per key, written atomically with mode 0600 (it holds
// secrets, as the CLI's does) in a folder of mode 0700.
class CredentialCache
{
public:
  // Use ~/.aws/slam/cache.
  CredentialCache();
  explicit CredentialCache(std::filesystem::path folder);

  // Return the credentials stored under KEY unless they expire within
  // k_expiry_margin; a missing or unreadable entry is a miss.
  std::optional<Credentials> find(const std::string& key) const;

  // Store CREDENTIALS (temporary ones only) under KEY. A failure only
  // costs a later call, so it is logged at -v rather than thrown.
  void store(const std::string& key, const Credentials& credentials) const;

  // Return the file of KEY.
  std::filesystem::path file_of(const std::string& key) const;

private:
  std::filesystem::path m_folder;
};

// Return the key of credentials of KIND determined by PARTS (a role ARN,
// an external id...): the SHA-1 of them all, a safe file name.
std::string credential_cache_key(std::string_view kind,
                                 const std::vector<std::string>& parts);

} // namespace slam::aws
