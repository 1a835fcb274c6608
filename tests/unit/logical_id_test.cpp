#include "slam/cfn/logical_id.hpp"
#include "slam/util/hash.hpp"

#include <gtest/gtest.h>

using slam::cfn::logical_id;

// Separators start a new word; the original Slam's alphanumeric names keep
// the ids str.title() gave them.
TEST(LogicalId, words_become_upper_camel_case)
{
  EXPECT_EQ(logical_id("my-stage"), "MyStage");
  EXPECT_EQ(logical_id("prod_eu"), "ProdEu");
  EXPECT_EQ(logical_id("dev"), "Dev");
  EXPECT_EQ(logical_id("PROD"), "Prod");
  EXPECT_EQ(logical_id("myStage"), "Mystage");
  EXPECT_EQ(logical_id("v2beta"), "V2Beta");
  EXPECT_EQ(logical_id("a.b c/d'e"), "ABCDE");
}

// Characters outside ASCII letters and digits are dropped.
TEST(LogicalId, non_ascii_characters_are_dropped)
{
  EXPECT_EQ(logical_id("caf\xc3\xa9-bar"), "CafBar");
}

// A logical id must start with a letter.
TEST(LogicalId, name_without_leading_letter_gets_prefix_and_hash)
{
  auto hash_of = [](const char* name) {
    return slam::util::sha256_hex(name).substr(0, 8);
  };
  EXPECT_EQ(logical_id("2024"), "N2024" + hash_of("2024"));
  EXPECT_EQ(logical_id("-"), "N" + hash_of("-"));
  EXPECT_EQ(logical_id(""), "N" + hash_of(""));
}

// Long names are cut and end in a hash, so they stay distinct.
TEST(LogicalId, long_name_is_cut_to_the_limit_with_hash)
{
  std::string name(300, 'a');
  auto other = name + "b";

  auto id = logical_id(name);

  EXPECT_EQ(id,
            "A" + std::string(246, 'a') +
                slam::util::sha256_hex(name).substr(0, 8));
  EXPECT_NE(logical_id(other), id);
  EXPECT_EQ(logical_id(name, 20).size(), 20u);
}

// Ids that fit are left alone by fit_length.
TEST(LogicalId, fit_length_keeps_short_ids)
{
  EXPECT_EQ(slam::cfn::fit_length("Abc", "abc", 3), "Abc");
  EXPECT_EQ(slam::cfn::fit_length("Abcd", "abcd", 3),
            slam::util::sha256_hex("abcd").substr(0, 3));
}
