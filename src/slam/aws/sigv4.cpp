#include "slam/aws/sigv4.hpp"

#include "slam/aws/uri.hpp"
#include "slam/util/hash.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <map>

namespace slam::aws {
namespace {

constexpr std::string_view k_algorithm = "AWS4-HMAC-SHA256";

// Headers that proxies and clients may change or add after signing.
bool is_unsignable(std::string_view lower_name)
{
  return lower_name == "authorization" || lower_name == "user-agent" ||
         lower_name == "expect" || lower_name == "x-amzn-trace-id";
}

std::string to_lower(std::string_view text)
{
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
  });
  return lower;
}

// Return VALUE trimmed, with each run of whitespace (folded lines too)
// turned into one space.
std::string squeeze_spaces(std::string_view value)
{
  std::string result;
  bool pending_space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      pending_space = !result.empty();
    } else {
      if (pending_space) {
        result += ' ';
        pending_space = false;
      }
      result += c;
    }
  }
  return result;
}

// The signed headers: lowercase names in order, each with its values
// joined by commas in the order they appear.
using CanonicalHeaders = std::map<std::string, std::string>;

CanonicalHeaders canonical_headers(const Headers& headers)
{
  CanonicalHeaders result;
  for (const auto& [name, value] : headers) {
    auto lower = to_lower(name);
    if (is_unsignable(lower)) {
      continue;
    }
    auto [it, inserted] = result.try_emplace(lower, squeeze_spaces(value));
    if (!inserted) {
      it->second += ',' + squeeze_spaces(value);
    }
  }
  return result;
}

std::string signed_header_list(const CanonicalHeaders& headers)
{
  std::string list;
  for (const auto& [name, value] : headers) {
    list += list.empty() ? "" : ";";
    list += name;
  }
  return list;
}

std::string canonical_request(const SignableRequest& request,
                              const CanonicalHeaders& headers,
                              const SigningParams& params)
{
  std::string header_lines;
  for (const auto& [name, value] : headers) {
    header_lines += fmt::format("{}:{}\n", name, value);
  }
  return fmt::format("{}\n{}\n{}\n{}\n{}\n{}",
                     request.method,
                     canonical_path(request.path, params),
                     canonical_query(request.query),
                     header_lines,
                     signed_header_list(headers),
                     request.payload_hash);
}

std::string credential_scope(const SigningParams& params)
{
  return fmt::format("{}/{}/{}/aws4_request",
                     format_amz_date(params.time).substr(0, 8),
                     params.region,
                     params.service);
}

// Compute the string to sign and the signature of CANONICAL.
Signature finish(std::string canonical,
                 const Credentials& credentials,
                 const SigningParams& params)
{
  auto amz_date = format_amz_date(params.time);
  Signature result;
  result.string_to_sign = fmt::format("{}\n{}\n{}\n{}",
                                      k_algorithm,
                                      amz_date,
                                      credential_scope(params),
                                      util::sha256_hex(canonical));
  result.canonical_request = std::move(canonical);
  auto key = signing_key(credentials.secret_access_key,
                         amz_date.substr(0, 8),
                         params.region,
                         params.service);
  result.signature =
      util::to_hex(util::hmac_sha256(key, result.string_to_sign));
  return result;
}

// Remove "." and ".." segments and empty segments, keeping a trailing
// slash.
std::string remove_dot_segments(std::string_view path)
{
  std::vector<std::string_view> segments;
  size_t start = 0;
  while (start <= path.size()) {
    auto end = std::min(path.find('/', start), path.size());
    auto segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) {
        segments.pop_back();
      }
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string result;
  for (auto segment : segments) {
    result += '/';
    result += segment;
  }
  if (result.empty() || path.ends_with('/')) {
    result += '/';
  }
  return result;
}

} // namespace

std::string canonical_path(std::string_view path, const SigningParams& params)
{
  std::string result =
      params.normalize_path ? remove_dot_segments(path) : std::string(path);
  if (result.empty()) {
    result.push_back('/');
  }
  return params.double_encode_path ? uri_encode(result, true) : result;
}

std::string canonical_query(std::string_view query)
{
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& [name, value] : decode_query(query)) {
    pairs.emplace_back(uri_encode(name), uri_encode(value));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string result;
  for (const auto& [name, value] : pairs) {
    result += result.empty() ? "" : "&";
    result += name + '=' + value;
  }
  return result;
}

std::string signing_key(std::string_view secret,
                        std::string_view date,
                        std::string_view region,
                        std::string_view service)
{
  auto key = util::hmac_sha256(fmt::format("AWS4{}", secret), date);
  key = util::hmac_sha256(key, region);
  key = util::hmac_sha256(key, service);
  return util::hmac_sha256(key, "aws4_request");
}

Signature sign_headers(SignableRequest& request,
                       const Credentials& credentials,
                       const SigningParams& params)
{
  set_header(request.headers, "X-Amz-Date", format_amz_date(params.time));
  if (params.add_content_sha256) {
    set_header(request.headers, "X-Amz-Content-Sha256", request.payload_hash);
  }
  bool has_token = !credentials.session_token.empty();
  if (has_token && !params.omit_session_token) {
    set_header(
        request.headers, "X-Amz-Security-Token", credentials.session_token);
  }
  auto headers = canonical_headers(request.headers);
  auto result =
      finish(canonical_request(request, headers, params), credentials, params);
  set_header(request.headers,
             "Authorization",
             fmt::format("{} Credential={}/{}, SignedHeaders={}, Signature={}",
                         k_algorithm,
                         credentials.access_key_id,
                         credential_scope(params),
                         signed_header_list(headers),
                         result.signature));
  if (has_token && params.omit_session_token) {
    set_header(
        request.headers, "X-Amz-Security-Token", credentials.session_token);
  }
  return result;
}

Signature sign_query(SignableRequest& request,
                     const Credentials& credentials,
                     const SigningParams& params)
{
  auto headers = canonical_headers(request.headers);
  QueryParams added = {
      {"X-Amz-Algorithm", std::string(k_algorithm)},
      {"X-Amz-Credential",
       fmt::format(
           "{}/{}", credentials.access_key_id, credential_scope(params))},
      {"X-Amz-Date", format_amz_date(params.time)},
      {"X-Amz-Expires", std::to_string(params.expires.count())},
  };
  bool has_token = !credentials.session_token.empty();
  if (has_token && !params.omit_session_token) {
    added.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }
  added.emplace_back("X-Amz-SignedHeaders", signed_header_list(headers));
  auto append = [&](const QueryParams& extra) {
    request.query += request.query.empty() ? "" : "&";
    request.query += encode_query(extra);
  };
  append(added);
  auto result =
      finish(canonical_request(request, headers, params), credentials, params);
  if (has_token && params.omit_session_token) {
    append({{"X-Amz-Security-Token", credentials.session_token}});
  }
  append({{"X-Amz-Signature", result.signature}});
  return result;
}

} // namespace slam::aws
