#include "slam/aws/credential_cache.hpp"
#include "slam/util/files.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <sys/stat.h>

using namespace slam::aws;
using namespace std::chrono_literals;

namespace {

class CredentialCacheTest : public ::testing::Test
{
protected:
  void SetUp() override { m_root = slam::util::make_temp_dir("slam-cache-"); }
  void TearDown() override { std::filesystem::remove_all(m_root); }

  static Credentials expiring_in(std::chrono::seconds left)
  {
    return {"AKIDCACHE",
            "cache-secret",
            "cache-token",
            "role 'r'",
            std::chrono::time_point_cast<std::chrono::seconds>(
                std::chrono::system_clock::now() + left)};
  }

  static unsigned mode_of(const std::filesystem::path& path)
  {
    struct stat status
    {
    };
    ::stat(path.c_str(), &status);
    return status.st_mode & 0777;
  }

  std::filesystem::path m_root;
};

} // namespace

// What is stored comes back whole, marked as cached, from a private file
// in a private folder created on the way.
TEST_F(CredentialCacheTest, stores_privately_and_finds_again)
{
  CredentialCache cache(m_root / "a" / "cache");
  auto stored = expiring_in(1h);
  cache.store("k1", stored);

  auto found = cache.find("k1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->access_key_id, stored.access_key_id);
  EXPECT_EQ(found->secret_access_key, stored.secret_access_key);
  EXPECT_EQ(found->session_token, stored.session_token);
  EXPECT_EQ(found->expiration, stored.expiration);
  EXPECT_EQ(found->source, "role 'r' (cached)");
  EXPECT_EQ(mode_of(cache.file_of("k1")), 0600u);
  EXPECT_EQ(mode_of(m_root / "a" / "cache"), 0700u);
  EXPECT_EQ(mode_of(m_root / "a"), 0700u);
  EXPECT_FALSE(cache.find("k2"));
}

// Credentials about to expire are a miss: the caller fetches new ones.
TEST_F(CredentialCacheTest, nearly_expired_entries_are_a_miss)
{
  CredentialCache cache(m_root);
  cache.store("soon", expiring_in(k_expiry_margin - 10s));
  cache.store("later", expiring_in(k_expiry_margin + 60s));
  EXPECT_FALSE(cache.find("soon"));
  EXPECT_TRUE(cache.find("later"));
}

// Long-term keys are never written to the cache.
TEST_F(CredentialCacheTest, long_term_keys_are_not_stored)
{
  CredentialCache cache(m_root);
  cache.store("keys", {"AKID", "secret", "", "profile 'p'", std::nullopt});
  EXPECT_FALSE(std::filesystem::exists(cache.file_of("keys")));
}

// A damaged entry is a miss, not an error.
TEST_F(CredentialCacheTest, damaged_entry_is_a_miss)
{
  CredentialCache cache(m_root);
  slam::util::write_file_atomic(cache.file_of("bad"), "{\"AccessKeyId\":");
  slam::util::write_file_atomic(cache.file_of("partial"),
                                R"({"AccessKeyId":"A"})");
  EXPECT_FALSE(cache.find("bad"));
  EXPECT_FALSE(cache.find("partial"));
}

// Keys are file names that tell their parts apart.
TEST_F(CredentialCacheTest, keys_are_hex_names_that_keep_parts_apart)
{
  auto key = credential_cache_key("assume-role", {"ab", "c"});
  EXPECT_EQ(key.size(), 40u);
  EXPECT_EQ(key.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(key, credential_cache_key("assume-role", {"a", "bc"}));
  EXPECT_NE(key, credential_cache_key("sso", {"ab", "c"}));
  EXPECT_EQ(key, credential_cache_key("assume-role", {"ab", "c"}));
}
