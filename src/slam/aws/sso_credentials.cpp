#include "slam/aws/sso_credentials.hpp"

#include "slam/aws/credential_cache.hpp"
#include "slam/aws/credential_endpoint.hpp"
#include "slam/aws/endpoint.hpp"
#include "slam/aws/profile.hpp"
#include "slam/aws/uri.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"

#include <array>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace slam::aws {
namespace {

constexpr std::array k_sso_keys = {"sso_session",
                                   "sso_start_url",
                                   "sso_region",
                                   "sso_account_id",
                                   "sso_role_name"};

// Return what to run when the token does not do.
std::string login_hint(const std::string& profile)
{
  return fmt::format("run aws sso login --profile {}", profile);
}

// Fill the start URL and region of SETTINGS from the [sso-session] section
// NAME, which the profile's own keys, if any, must agree with.
void read_sso_session(const Profile& profile,
                      const std::string& name,
                      SsoSettings& settings)
{
  const IniSection* section =
      profile.files ? find_sso_session(*profile.files, name) : nullptr;
  if (section == nullptr) {
    throw UsageError(fmt::format(
        "profile '{}' names sso_session '{}', but {} has no [sso-session {}] "
        "section",
        profile.name,
        name,
        profile.config_file,
        name));
  }
  settings.session_name = name;
  for (auto [key, field] : {std::pair{"sso_start_url", &settings.start_url},
                            std::pair{"sso_region", &settings.region}}) {
    auto it = section->find(key);
    if (it == section->end() || it->second.empty()) {
      throw UsageError(fmt::format(
          "[sso-session {}] in {} has no {}", name, profile.config_file, key));
    }
    if (auto own = profile.value(key); own && *own != it->second) {
      throw UsageError(fmt::format(
          "profile '{}' sets {} '{}', but its [sso-session {}] says '{}'",
          profile.name,
          key,
          *own,
          name,
          it->second));
    }
    *field = it->second;
  }
}

// Throw when a setting SETTINGS needs is missing from PROFILE.
void check_complete(const Profile& profile, const SsoSettings& settings)
{
  std::vector<std::string> missing;
  for (auto [key, value] : {std::pair{"sso_start_url", &settings.start_url},
                            std::pair{"sso_region", &settings.region},
                            std::pair{"sso_account_id", &settings.account_id},
                            std::pair{"sso_role_name", &settings.role_name}}) {
    if (value->empty()) {
      missing.emplace_back(key);
    }
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& key : missing) {
      list += (list.empty() ? "" : ", ") + key;
    }
    throw UsageError(fmt::format("profile '{}' has IAM Identity Center (SSO) "
                                 "settings but no {}",
                                 profile.name,
                                 list));
  }
}

// Return the token `aws sso login` cached for SETTINGS, failing with the
// hint to log in when it is missing, unreadable or expired.
SsoToken cached_token(const std::string& profile, const SsoSettings& settings)
{
  auto name = sso_token_file_name(settings);
  auto file = home_dir() / ".aws" / "sso" / "cache" / name;
  auto shown = "~/.aws/sso/cache/" + name;
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) {
    throw Error(fmt::format("profile '{}' uses IAM Identity Center (SSO), but "
                            "there is no login in {}; {}",
                            profile,
                            shown,
                            login_hint(profile)));
  }
  SsoToken token;
  try {
    token = parse_sso_token(util::read_file(file));
  } catch (const Error& failure) {
    throw Error(
        fmt::format("{}: {}; {}", shown, failure.what(), login_hint(profile)));
  }
  if (token.expires_at <= std::chrono::system_clock::now()) {
    throw Error(fmt::format("the IAM Identity Center (SSO) login of profile "
                            "'{}' expired at {}; {}",
                            profile,
                            format_iso8601(token.expires_at),
                            login_hint(profile)));
  }
  return token;
}

// Return the root URL of the SSO portal of SETTINGS.
std::string portal_url(const SsoSettings& settings,
                       const CredentialContext& context)
{
  auto endpoint =
      resolve_endpoint("sso", context.endpoint_option, settings.region);
  if (endpoint.custom) {
    return endpoint.url();
  }
  return fmt::format("https://portal.sso.{}.amazonaws.com/", settings.region);
}

// Return the credentials in the portal's answer BODY.
Credentials parse_role_credentials(std::string_view body,
                                   const std::string& source)
{
  auto json = nlohmann::json::parse(body, nullptr, false);
  auto role = json.is_object() ? json.value("roleCredentials", nlohmann::json())
                               : nlohmann::json();
  auto text = [&](const char* key) {
    auto it = role.find(key);
    return it != role.end() && it->is_string() ? it->get<std::string>()
                                               : std::string();
  };
  auto expires = role.is_object() ? role.find("expiration") : role.end();
  if (!role.is_object() || text("accessKeyId").empty() ||
      text("secretAccessKey").empty() || expires == role.end() ||
      !expires->is_number_integer()) {
    throw Error(fmt::format("{} answered no roleCredentials", source));
  }
  // Milliseconds since the epoch, unlike the ISO times of other services.
  auto expiration = std::chrono::milliseconds(expires->get<long long>());
  return {text("accessKeyId"),
          text("secretAccessKey"),
          text("sessionToken"),
          source,
          Timestamp(expiration)};
}

// Call the portal's GetRoleCredentials with TOKEN.
Credentials get_role_credentials(const std::string& profile,
                                 const SsoSettings& settings,
                                 const SsoToken& token,
                                 const CredentialContext& context)
{
  auto url = portal_url(settings, context) + "federation/credentials?" +
             encode_query({{"account_id", settings.account_id},
                           {"role_name", settings.role_name}});
  auto source = fmt::format("IAM Identity Center (SSO) role '{}' of account "
                            "{} for profile '{}'",
                            settings.role_name,
                            settings.account_id,
                            profile);
  CredentialCall call{
      {"GET", url, {{"x-amz-sso_bearer_token", token.access_token}}, "", {}},
      "the IAM Identity Center (SSO) portal",
      {token.access_token}};
  call.timeouts.total = std::chrono::seconds(30);
  auto response = call_credential_endpoint(call);
  if (response.status == 401 || response.status == 403) {
    throw Error(fmt::format("the IAM Identity Center (SSO) portal refused the "
                            "login of profile '{}' (HTTP {}); {}",
                            profile,
                            response.status,
                            login_hint(profile)));
  }
  if (response.status != 200) {
    auto message = error_message_of(response.body, {token.access_token});
    throw Error(fmt::format("{} answered HTTP {} for {}{}{}",
                            call.what,
                            response.status,
                            source,
                            message.empty() ? "" : ": ",
                            message));
  }
  return parse_role_credentials(response.body, source);
}

} // namespace

std::optional<SsoSettings> sso_settings(const Profile& profile)
{
  bool any = false;
  for (const char* key : k_sso_keys) {
    any = any || profile.value(key).has_value();
  }
  if (!any) {
    return std::nullopt;
  }
  SsoSettings settings;
  settings.account_id = profile.value("sso_account_id").value_or("");
  settings.role_name = profile.value("sso_role_name").value_or("");
  if (auto session = profile.value("sso_session")) {
    read_sso_session(profile, *session, settings);
  } else {
    settings.start_url = profile.value("sso_start_url").value_or("");
    settings.region = profile.value("sso_region").value_or("");
  }
  check_complete(profile, settings);
  return settings;
}

std::string sso_token_file_name(const SsoSettings& settings)
{
  return util::sha1_hex(settings.session_name.empty() ? settings.start_url
                                                      : settings.session_name) +
         ".json";
}

SsoToken parse_sso_token(std::string_view text)
{
  auto json = nlohmann::json::parse(text, nullptr, false);
  auto field = [&](const char* key) {
    auto it = json.is_object() ? json.find(key) : json.end();
    return it != json.end() && it->is_string() ? it->get<std::string>()
                                               : std::string();
  };
  auto access_token = field("accessToken");
  auto expires = field("expiresAt");
  // Early versions of the AWS CLI v2 wrote "...UTC" for "Z".
  if (expires.ends_with("UTC")) {
    expires.replace(expires.size() - 3, 3, "Z");
  }
  auto expires_at = parse_iso8601(expires);
  if (access_token.empty() || !expires_at) {
    throw Error("the token cache file has no accessToken or no valid "
                "expiresAt");
  }
  return {access_token, *expires_at};
}

Credentials sso_credentials(const Profile& profile,
                            const SsoSettings& settings,
                            const CredentialContext& context)
{
  CredentialCache cache;
  auto key = credential_cache_key("sso",
                                  {settings.start_url,
                                   settings.session_name,
                                   settings.account_id,
                                   settings.role_name,
                                   portal_url(settings, context)});
  if (auto cached = cache.find(key)) {
    return *cached;
  }
  auto token = cached_token(profile.name, settings);
  auto credentials =
      get_role_credentials(profile.name, settings, token, context);
  cache.store(key, credentials);
  return credentials;
}

} // namespace slam::aws
