#include "slam/local/request_ids.hpp"

#include <fmt/core.h>
#include <random>

namespace slam::local {
namespace {

// One generator per thread: the front door makes ids on many threads.
std::mt19937_64& generator()
{
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

std::string random_text(std::string_view alphabet, std::size_t length)
{
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string text;
  for (std::size_t i = 0; i < length; ++i) {
    text += alphabet[pick(generator())];
  }
  return text;
}

constexpr std::string_view k_hex = "0123456789abcdef";

} // namespace

std::string random_uuid()
{
  // The version digit is 4; the variant digit one of 8, 9, a, b.
  return fmt::format("{}-{}-4{}-{}{}-{}",
                     random_text(k_hex, 8),
                     random_text(k_hex, 4),
                     random_text(k_hex, 3),
                     random_text("89ab", 1),
                     random_text(k_hex, 3),
                     random_text(k_hex, 12));
}

std::string random_extended_id()
{
  return random_text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                     "0123456789-",
                     15) +
         "=";
}

std::string random_trace_id(std::chrono::system_clock::time_point time)
{
  auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch())
          .count();
  return fmt::format("Root=1-{:08x}-{}", seconds, random_text(k_hex, 24));
}

std::string random_function_trace_id()
{
  return fmt::format("{};Parent={};Sampled=0",
                     random_trace_id(std::chrono::system_clock::now()),
                     random_text(k_hex, 16));
}

} // namespace slam::local
