#include "slam/util/hash.hpp"
#include "slam/util/sha256_stream.hpp"

#include <gtest/gtest.h>

using slam::util::Sha256Stream;

namespace {

std::string sample(std::size_t size)
{
  std::string text;
  for (std::size_t i = 0; text.size() < size; ++i) {
    text += std::to_string(i * 2654435761u) + ",";
  }
  text.resize(size);
  return text;
}

} // namespace

TEST(Sha256Stream, pieces_hash_as_the_whole)
{
  auto text = sample(10000);
  Sha256Stream stream;
  stream.update(text.substr(0, 1));
  stream.update(text.substr(1, 4000));
  stream.update(text.substr(4001));

  EXPECT_EQ(stream.hex_digest(), slam::util::sha256_hex(text));
}

// Saved at every length around a block's 64 bytes and taken up again,
// the hash goes on as if never stopped.
TEST(Sha256Stream, a_saved_state_goes_on_where_it_stopped)
{
  auto text = sample(300);
  for (std::size_t cut = 0; cut <= text.size(); ++cut) {
    Sha256Stream first;
    first.update(text.substr(0, cut));
    auto resumed = Sha256Stream::resume(first.state());
    ASSERT_TRUE(resumed) << cut;
    resumed->update(text.substr(cut));
    EXPECT_EQ(resumed->hex_digest(), slam::util::sha256_hex(text)) << cut;
  }
}

TEST(Sha256Stream, the_digest_does_not_end_the_stream)
{
  Sha256Stream stream;
  stream.update("ab");
  EXPECT_EQ(stream.hex_digest(), slam::util::sha256_hex("ab"));
  stream.update("c");
  EXPECT_EQ(stream.hex_digest(), slam::util::sha256_hex("abc"));
}

TEST(Sha256Stream, a_damaged_state_is_refused)
{
  Sha256Stream stream;
  stream.update(sample(100));
  auto state = stream.state();

  EXPECT_FALSE(Sha256Stream::resume(""));
  EXPECT_FALSE(Sha256Stream::resume(state.substr(1)));
  EXPECT_FALSE(Sha256Stream::resume(state + "x"));
  auto wrong_mark = state;
  wrong_mark[0] = 'x';
  EXPECT_FALSE(Sha256Stream::resume(wrong_mark));
  // The count of buffered bytes must agree with the length.
  auto wrong_count = state;
  wrong_count[state.size() - 64 - 4] ^= 1;
  EXPECT_FALSE(Sha256Stream::resume(wrong_count));
}
