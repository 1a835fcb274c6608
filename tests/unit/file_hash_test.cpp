#include "slam/util/error.hpp"
#include "slam/util/file_hash.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"

#include <gtest/gtest.h>

// Reading in pieces gives the digest of the whole content, across piece
// boundaries.
TEST(FileHash, sha256_of_a_file_matches_its_content)
{
  auto dir = slam::util::make_temp_dir("slam-file-hash-");
  std::string content;
  for (int i = 0; i < 200'000; ++i) {
    content += static_cast<char>(i * 7 % 251);
  }
  slam::util::write_file_atomic(dir / "big", content);
  slam::util::write_file_atomic(dir / "empty", "");
  EXPECT_EQ(slam::util::sha256_file_hex(dir / "big"),
            slam::util::sha256_hex(content));
  EXPECT_EQ(slam::util::sha256_file_hex(dir / "empty"),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  std::filesystem::remove_all(dir);
}

// A missing file is an error naming it.
TEST(FileHash, missing_file_is_an_error)
{
  EXPECT_THROW(slam::util::sha256_file_hex("/nonexistent/slam/file"),
               slam::Error);
}
