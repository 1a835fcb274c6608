#include "package_test_support.hpp"
#include "slam/package/bytecode_cache.hpp"
#include "slam/util/files.hpp"

#include <gtest/gtest.h>

namespace fs = std::filesystem;
using slam::package::BytecodeCache;
using slam::package::CompileOutcome;
using slam::test::TempDir;

namespace {

const std::string k_key(64, 'a');

TEST(BytecodeCache, keeps_bytecode_and_failures)
{
  TempDir dir;
  CompileOutcome compiled{
      true, std::string("\xa7\r\r\n\x01\0\0\0pyc", 11), 0, ""};
  CompileOutcome failed{false, "", 3, "invalid syntax"};
  {
    BytecodeCache cache(dir.path());
    EXPECT_FALSE(cache.find(k_key));
    cache.store(k_key, compiled);
    cache.store(std::string(64, 'b'), failed);
  }
  BytecodeCache cache(dir.path());
  EXPECT_EQ(cache.find(k_key), compiled);
  EXPECT_EQ(cache.find(std::string(64, 'b')), failed);
}

// A damaged file counts as missing, so the source is compiled again.
TEST(BytecodeCache, damaged_file_is_missing)
{
  TempDir dir;
  BytecodeCache cache(dir.path());
  cache.store(k_key, {true, "0123456789abcdefXYZ", 0, ""});
  auto file = slam::util::read_file(dir.path() / k_key);
  slam::util::write_file_atomic(dir.path() / k_key,
                                file.substr(0, file.size() - 1));
  EXPECT_FALSE(cache.find(k_key));
  slam::util::write_file_atomic(dir.path() / k_key, "");
  EXPECT_FALSE(cache.find(k_key));
}

TEST(BytecodeCache, prune_keeps_what_the_build_used)
{
  TempDir dir;
  {
    BytecodeCache cache(dir.path());
    cache.store(k_key, {true, std::string(1000, 'x'), 0, ""});
    cache.store(std::string(64, 'b'), {true, std::string(1000, 'y'), 0, ""});
  }
  BytecodeCache cache(dir.path());
  EXPECT_TRUE(cache.find(k_key));
  cache.prune(1u << 20);
  EXPECT_TRUE(fs::exists(dir.path() / std::string(64, 'b')));
  cache.prune(100);
  EXPECT_TRUE(fs::exists(dir.path() / k_key));
  EXPECT_FALSE(fs::exists(dir.path() / std::string(64, 'b')));
}

} // namespace
