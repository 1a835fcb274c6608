#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace slam::util {

// Return the SHA-256 digest of DATA as 32 raw bytes.
std::string sha256(std::string_view data);

// Return the SHA-256 digest of DATA as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

// Return the SHA-256 digest of the concatenation of PIECES as 64
// lowercase hex digits, without concatenating them.
std::string sha256_hex(const std::vector<std::string_view>& pieces);

// Return HMAC-SHA256 of DATA under KEY as 32 raw bytes.
std::string hmac_sha256(std::string_view key, std::string_view data);

// Return the MD5 digest of DATA as 16 raw bytes (for S3's Content-MD5
// header, not for security).
std::string md5(std::string_view data);

// Return the SHA-1 digest of DATA as 40 lowercase hex digits (for the
// file names of the AWS CLI's caches, not for security).
std::string sha1_hex(std::string_view data);

// Return DATA as lowercase hex digits.
std::string to_hex(std::string_view data);

} // namespace slam::util
