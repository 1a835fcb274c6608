#pragma once

#include "slam/aws/credentials.hpp"
#include "slam/aws/headers.hpp"
#include "slam/aws/timestamp.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace slam::aws {

// A request as AWS Signature Version 4 sees it.
struct SignableRequest
{
  std::string method;
  std::string path;         // as sent: percent-encoded, starting with '/'
  std::string query;        // as sent, without the '?'
  Headers headers;          // must include Host
  std::string payload_hash; // hex SHA-256 of the body or UNSIGNED-PAYLOAD
};

// What to sign for, and the service's quirks.
struct SigningParams
{
  std::string region;
  std::string service;
  Timestamp time;
  // S3 signs the path exactly as sent; every other service removes dot
  // segments and empty segments and then percent-encodes the sent path a
  // second time.
  bool normalize_path = true;
  bool double_encode_path = true;
  // S3 requires the payload hash in an x-amz-content-sha256 header.
  bool add_content_sha256 = false;
  // A few services want the session token added after signing.
  bool omit_session_token = false;
  std::chrono::seconds expires{3600}; // presigned URLs only
};

// The intermediate results of one signature, for tests and debugging.
struct Signature
{
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature; // lowercase hex
};

// Sign REQUEST in an Authorization header: add X-Amz-Date (and
// X-Amz-Security-Token, X-Amz-Content-Sha256 as needed) and Authorization
// to its headers, and return the parts of the signature.
Signature sign_headers(SignableRequest& request,
                       const Credentials& credentials,
                       const SigningParams& params);

// Sign REQUEST in its query string (a presigned URL): append the X-Amz-*
// parameters and X-Amz-Signature to its query, and return the parts.
Signature sign_query(SignableRequest& request,
                     const Credentials& credentials,
                     const SigningParams& params);

// Return the canonical form of the sent path PATH under PARAMS' rules.
std::string canonical_path(std::string_view path, const SigningParams& params);

// Return the canonical form of the sent query string QUERY: every pair
// decoded, encoded again and sorted by name, then value.
std::string canonical_query(std::string_view query);

// Return the key derived from SECRET for DATE (YYYYMMDD), REGION and
// SERVICE, as raw bytes.
std::string signing_key(std::string_view secret,
                        std::string_view date,
                        std::string_view region,
                        std::string_view service);

} // namespace slam::aws
