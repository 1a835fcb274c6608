#include "slam/local/worker.hpp"

#include <chrono>
#include <fmt/core.h>
#include <random>

namespace slam::local {
namespace {

std::mt19937_64& random_bits()
{
  thread_local std::mt19937_64 generator(std::random_device{}());
  return generator;
}

} // namespace

std::string make_request_id()
{
  auto high = random_bits()();
  auto low = random_bits()();
  // Version 4, variant 10xx: what a random UUID says of itself.
  high = (high & ~0xf000ULL) | 0x4000ULL;
  low = (low & ~(0xc000ULL << 48)) | (0x8000ULL << 48);
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
                     high >> 32,
                     (high >> 16) & 0xffff,
                     high & 0xffff,
                     low >> 48,
                     low & 0xffffffffffffULL);
}

std::string make_trace_id()
{
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
  return fmt::format("Root=1-{:08x}-{:012x}{:012x};Parent={:016x};Sampled=0",
                     seconds,
                     random_bits()() & 0xffffffffffffULL,
                     random_bits()() & 0xffffffffffffULL,
                     random_bits()());
}

} // namespace slam::local
