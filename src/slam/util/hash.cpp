// SHA256() of OpenSSL 3 fetches the digest from a provider, which loads
// OpenSSL's configuration first: a millisecond of a rebuild that hashes a
// few small things. The deprecated low-level calls do not.
#define OPENSSL_SUPPRESS_DEPRECATED

#include "slam/util/hash.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <stdexcept>

namespace slam::util {

std::string sha256(std::string_view data)
{
  std::string digest(SHA256_DIGEST_LENGTH, '\0');
  SHA256_CTX context;
  SHA256_Init(&context);
  SHA256_Update(&context, data.data(), data.size());
  SHA256_Final(reinterpret_cast<unsigned char*>(digest.data()), &context);
  return digest;
}

std::string sha256_hex(std::string_view data)
{
  return to_hex(sha256(data));
}

std::string sha256_hex(const std::vector<std::string_view>& pieces)
{
  std::string digest(SHA256_DIGEST_LENGTH, '\0');
  auto* context = EVP_MD_CTX_new();
  bool done = context != nullptr &&
              EVP_DigestInit_ex(context, EVP_sha256(), nullptr) == 1;
  for (auto piece : pieces) {
    done = done && EVP_DigestUpdate(context, piece.data(), piece.size()) == 1;
  }
  done = done &&
         EVP_DigestFinal_ex(context,
                            reinterpret_cast<unsigned char*>(digest.data()),
                            nullptr) == 1;
  EVP_MD_CTX_free(context);
  if (!done) {
    throw std::runtime_error("SHA-256 failed in OpenSSL");
  }
  return to_hex(digest);
}

std::string md5(std::string_view data)
{
  std::string digest(EVP_MAX_MD_SIZE, '\0');
  unsigned int length = 0;
  EVP_Digest(data.data(),
             data.size(),
             reinterpret_cast<unsigned char*>(digest.data()),
             &length,
             EVP_md5(),
             nullptr);
  digest.resize(length);
  return digest;
}

std::string sha1_hex(std::string_view data)
{
  std::string digest(SHA_DIGEST_LENGTH, '\0');
  SHA1(reinterpret_cast<const unsigned char*>(data.data()),
       data.size(),
       reinterpret_cast<unsigned char*>(digest.data()));
  return to_hex(digest);
}

std::string hmac_sha256(std::string_view key, std::string_view data)
{
  std::string digest(EVP_MAX_MD_SIZE, '\0');
  unsigned int length = 0;
  HMAC(EVP_sha256(),
       key.data(),
       static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()),
       data.size(),
       reinterpret_cast<unsigned char*>(digest.data()),
       &length);
  digest.resize(length);
  return digest;
}

std::string to_hex(std::string_view data)
{
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(data.size() * 2);
  for (unsigned char byte : data) {
    hex += k_digits[byte >> 4];
    hex += k_digits[byte & 0x0f];
  }
  return hex;
}

} // namespace slam::util
