#include "slam/cfn/intrinsics.hpp"

#include <gtest/gtest.h>

using namespace slam::cfn;

// The helpers write CloudFormation's intrinsic function syntax.
TEST(Intrinsics, helpers_write_intrinsic_functions)
{
  EXPECT_EQ(ref_to("API"), Json::parse(R"({"Ref": "API"})"));
  EXPECT_EQ(get_att("Function", "Arn"),
            Json::parse(R"({"Fn::GetAtt": ["Function", "Arn"]})"));
  EXPECT_EQ(sub("${API}/x"), Json::parse(R"({"Fn::Sub": "${API}/x"})"));
}

// Fn::Sub keeps "${!x}" as "${x}"; other dollars need nothing.
TEST(Intrinsics, sub_literal_escapes_substitutions)
{
  EXPECT_EQ(sub_literal("a${b}c${d}"), "a${!b}c${!d}");
  EXPECT_EQ(sub_literal("$5 $ {x} $"), "$5 $ {x} $");
  EXPECT_EQ(sub_literal("plain"), "plain");
}
