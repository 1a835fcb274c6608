#include "slam/aws/credential_cache.hpp"

#include "slam/aws/profile.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/log.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

namespace slam::aws {
namespace {

std::optional<Credentials> from_json(const nlohmann::json& entry)
{
  auto text = [&](const char* key) {
    auto it = entry.find(key);
    return it != entry.end() && it->is_string() ? it->get<std::string>()
                                                : std::string();
  };
  auto expiration = parse_iso8601(text("Expiration"));
  Credentials credentials{text("AccessKeyId"),
                          text("SecretAccessKey"),
                          text("SessionToken"),
                          text("Source"),
                          expiration};
  if (credentials.access_key_id.empty() ||
      credentials.secret_access_key.empty() || !expiration) {
    return std::nullopt;
  }
  return credentials;
}

// Create FOLDER and the folders above it, each one it creates private.
void create_private_folders(const std::filesystem::path& folder)
{
  if (std::filesystem::is_directory(folder)) {
    return;
  }
  create_private_folders(folder.parent_path());
  if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) {
    throw Error(fmt::format(
        "cannot create '{}': {}", folder.string(), std::strerror(errno)));
  }
}

} // namespace

CredentialCache::CredentialCache()
    : m_folder(home_dir() / ".aws" / "slam" / "cache")
{
}

CredentialCache::CredentialCache(std::filesystem::path folder)
    : m_folder(std::move(folder))
{
}

std::filesystem::path CredentialCache::file_of(const std::string& key) const
{
  return m_folder / (key + ".json");
}

std::optional<Credentials> CredentialCache::find(const std::string& key) const
{
  auto file = file_of(key);
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) {
    return std::nullopt;
  }
  std::optional<Credentials> credentials;
  try {
    auto json = nlohmann::json::parse(util::read_file(file), nullptr, false);
    if (json.is_object()) {
      credentials = from_json(json);
    }
  } catch (const Error& failure) {
    util::debugf("credential cache entry skipped: {}", failure.what());
  }
  if (!credentials ||
      expires_soon(*credentials, std::chrono::system_clock::now())) {
    return std::nullopt;
  }
  credentials->source += " (cached)";
  return credentials;
}

void CredentialCache::store(const std::string& key,
                            const Credentials& credentials) const
{
  if (!credentials.expiration) {
    return;
  }
  nlohmann::json entry = {
      {"AccessKeyId", credentials.access_key_id},
      {"SecretAccessKey", credentials.secret_access_key},
      {"SessionToken", credentials.session_token},
      {"Expiration", format_iso8601(*credentials.expiration)},
      {"Source", credentials.source},
  };
  try {
    create_private_folders(m_folder);
    util::write_private_file_atomic(file_of(key), entry.dump());
  } catch (const Error& failure) {
    util::debugf("credentials not cached: {}", failure.what());
  }
}

std::string credential_cache_key(std::string_view kind,
                                 const std::vector<std::string>& parts)
{
  // A JSON array keeps parts apart whatever they hold.
  return util::sha1_hex(nlohmann::json{kind, parts}.dump());
}

} // namespace slam::aws
