#include "slam/package/bytecode_cache.hpp"

#include "slam/package/cache_prune.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"
#include "slam/util/log.hpp"

#include <fmt/core.h>

namespace fs = std::filesystem;

// A cache file is a magic line, a kind byte ('c' compiled, 'f' failed),
// the SHA-256 of the rest (32 bytes), then the .pyc, or for a failure the
// line number, a newline and the message.

namespace slam::package {
namespace {

constexpr std::string_view k_magic = "SLAMPYC1\n";
constexpr std::size_t k_digest_size = 32;

std::string encode(const CompileOutcome& outcome)
{
  auto body = outcome.compiled
                  ? outcome.pyc
                  : fmt::format("{}\n{}", outcome.line, outcome.message);
  return fmt::format("{}{}{}{}",
                     k_magic,
                     outcome.compiled ? 'c' : 'f',
                     util::sha256(body),
                     body);
}

std::optional<CompileOutcome> decode(std::string_view file)
{
  if (file.size() < k_magic.size() + 1 + k_digest_size ||
      !file.starts_with(k_magic)) {
    return std::nullopt;
  }
  file.remove_prefix(k_magic.size());
  auto kind = file[0];
  auto digest = file.substr(1, k_digest_size);
  auto body = file.substr(1 + k_digest_size);
  if ((kind != 'c' && kind != 'f') || util::sha256(body) != digest) {
    return std::nullopt;
  }
  CompileOutcome outcome;
  outcome.compiled = kind == 'c';
  if (outcome.compiled) {
    outcome.pyc = body;
    return outcome;
  }
  auto newline = body.find('\n');
  if (newline == std::string_view::npos) {
    return std::nullopt;
  }
  outcome.line = std::atoi(std::string(body.substr(0, newline)).c_str());
  outcome.message = body.substr(newline + 1);
  return outcome;
}

} // namespace

BytecodeCache::BytecodeCache(fs::path folder) : m_folder(std::move(folder)) {}

std::optional<CompileOutcome> BytecodeCache::find(const std::string& key)
{
  m_used.insert(key);
  auto path = m_folder / key;
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    return std::nullopt;
  }
  try {
    auto outcome = decode(util::read_file(path));
    if (!outcome) {
      util::debugf("bytecode cache: '{}' is damaged", path.string());
    }
    return outcome;
  } catch (const Error&) {
    return std::nullopt;
  }
}

void BytecodeCache::store(const std::string& key, const CompileOutcome& outcome)
{
  m_used.insert(key);
  try {
    std::error_code error;
    fs::create_directories(m_folder, error);
    util::write_file_atomic(m_folder / key, encode(outcome));
  } catch (const Error& error) {
    util::debugf("bytecode cache: {}", error.what());
  }
}

void BytecodeCache::prune(std::uint64_t max_bytes)
{
  prune_unused_files(m_folder, m_used, max_bytes);
}

} // namespace slam::package
