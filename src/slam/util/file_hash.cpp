#include "slam/util/file_hash.hpp"

#include "slam/util/error.hpp"
#include "slam/util/hash.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/core.h>
#include <fstream>
#include <memory>
#include <openssl/evp.h>
#include <vector>

namespace slam::util {

std::string sha256_file_hex(const std::filesystem::path& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(fmt::format(
        "cannot read '{}': {}", path.string(), std::strerror(errno)));
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(
      EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr);
  std::vector<char> buffer(1 << 16);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    EVP_DigestUpdate(context.get(), buffer.data(), in.gcount());
  }
  if (in.bad()) {
    throw Error(fmt::format("cannot read '{}'", path.string()));
  }
  std::string digest(EVP_MAX_MD_SIZE, '\0');
  unsigned int length = 0;
  EVP_DigestFinal_ex(
      context.get(), reinterpret_cast<unsigned char*>(digest.data()), &length);
  digest.resize(length);
  return to_hex(digest);
}

} // namespace slam::util
