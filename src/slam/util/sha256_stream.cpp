// The low-level SHA256_* functions are deprecated in OpenSSL 3 in favour of
// EVP, whose context cannot be saved; SHA256_CTX is a plain struct that can.
#define OPENSSL_SUPPRESS_DEPRECATED

#include "slam/util/sha256_stream.hpp"

#include "slam/util/hash.hpp"

#include <cstdint>
#include <cstring>
#include <openssl/sha.h>
#include <stdexcept>

namespace slam::util {
namespace {

// The saved state: "sha256-state 1", then the chaining values (8 x 4
// bytes), the length in bits (low and high 4 bytes), the count of buffered
// bytes (4) and the block buffer (64), numbers little-endian.
constexpr std::string_view k_state_mark = "sha256-state 1";
constexpr std::size_t k_state_size =
    k_state_mark.size() + 8 * 4 + 2 * 4 + 4 + SHA256_CBLOCK;

void put32(std::string& out, std::uint32_t value)
{
  for (int i = 0; i < 4; ++i) {
    out += static_cast<char>((value >> (8 * i)) & 0xff);
  }
}

std::uint32_t get32(std::string_view& in)
{
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    value |= std::uint32_t(static_cast<unsigned char>(in[i])) << (8 * i);
  }
  in.remove_prefix(4);
  return value;
}

} // namespace

struct Sha256Stream::Context
{
  SHA256_CTX sha;
};

Sha256Stream::Sha256Stream() : m_context(new Context)
{
  if (SHA256_Init(&m_context->sha) != 1) {
    delete m_context;
    throw std::runtime_error("SHA-256 failed in OpenSSL");
  }
}

Sha256Stream::~Sha256Stream()
{
  delete m_context;
}

Sha256Stream::Sha256Stream(const Sha256Stream& other)
    : m_context(new Context(*other.m_context))
{
}

Sha256Stream& Sha256Stream::operator=(const Sha256Stream& other)
{
  *m_context = *other.m_context;
  return *this;
}

void Sha256Stream::update(std::string_view data)
{
  SHA256_Update(&m_context->sha, data.data(), data.size());
}

std::string Sha256Stream::state() const
{
  const auto& sha = m_context->sha;
  std::string state(k_state_mark);
  for (auto value : sha.h) {
    put32(state, value);
  }
  put32(state, sha.Nl);
  put32(state, sha.Nh);
  put32(state, sha.num);
  // OpenSSL buffers the partial block as bytes in DATA.
  state.append(reinterpret_cast<const char*>(sha.data), SHA256_CBLOCK);
  return state;
}

std::optional<Sha256Stream> Sha256Stream::resume(std::string_view state)
{
  if (state.size() != k_state_size || !state.starts_with(k_state_mark)) {
    return std::nullopt;
  }
  state.remove_prefix(k_state_mark.size());
  Sha256Stream stream;
  auto& sha = stream.m_context->sha;
  for (auto& value : sha.h) {
    value = get32(state);
  }
  sha.Nl = get32(state);
  sha.Nh = get32(state);
  sha.num = get32(state);
  // The length counts bytes in bits: the buffered ones are its last
  // bytes modulo a block.
  if (sha.num >= SHA256_CBLOCK || (sha.Nl / 8) % SHA256_CBLOCK != sha.num) {
    return std::nullopt;
  }
  std::memcpy(sha.data, state.data(), SHA256_CBLOCK);
  return stream;
}

std::string Sha256Stream::hex_digest() const
{
  auto copy = m_context->sha;
  std::string digest(SHA256_DIGEST_LENGTH, '\0');
  SHA256_Final(reinterpret_cast<unsigned char*>(digest.data()), &copy);
  return to_hex(digest);
}

} // namespace slam::util
