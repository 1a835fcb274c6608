#include "slam/config/http_values.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

using slam::config::check_base_path;
using slam::config::check_media_type;
using slam::config::lowercase_media_type;
using slam::config::trim_base_path;

TEST(HttpValues, valid_base_paths_pass_and_lose_their_outer_slashes)
{
  struct Case
  {
    std::string value;
    std::string trimmed;
  };
  for (const auto& [value, trimmed] : {Case{"", ""},
                                       Case{"/", ""},
                                       Case{"users", "users"},
                                       Case{"/users/", "users"},
                                       Case{"/users/v1", "users/v1"},
                                       Case{"a-b_c.d~e", "a-b_c.d~e"}}) {
    EXPECT_EQ(check_base_path(value), std::nullopt) << value;
    EXPECT_EQ(trim_base_path(value), trimmed) << value;
  }
}

TEST(HttpValues, invalid_base_paths_are_refused)
{
  const std::vector<std::string> values = {
      "//",
      "///",
      "a//b",
      "//a",
      "a//",
      " users",
      "users\n",
      std::string("us\0ers", 6),
      std::string("us\x7f") + "ers",
      "users?",
      "#users",
      "users%20",
      "caf\xc3\xa9",
  };
  for (const auto& value : values) {
    EXPECT_NE(check_base_path(value), std::nullopt) << value;
  }
}

TEST(HttpValues, media_type_patterns_pass)
{
  for (std::string value : {"application/json",
                            "application/vnd.api+json",
                            "application/*",
                            "application/*+json",
                            "*/*",
                            "text/x-c++src",
                            "model/3mf"}) {
    EXPECT_EQ(check_media_type(value), std::nullopt) << value;
  }
}

TEST(HttpValues, other_media_types_are_refused)
{
  for (std::string value : {"",
                            "json",
                            "/json",
                            "application/",
                            "*/json",
                            "*",
                            "application/json; charset=utf-8",
                            "application/json;q=1",
                            "text /html",
                            "text/html ",
                            "application/*+",
                            "application/*json",
                            "application/*+a+b",
                            "a/b/c",
                            "Text/HTML"}) {
    EXPECT_NE(check_media_type(value), std::nullopt) << value;
  }
}

TEST(HttpValues, media_types_are_lowercased_in_ascii_only)
{
  EXPECT_EQ(lowercase_media_type("Application/VND.Acme+JSON"),
            "application/vnd.acme+json");
  EXPECT_EQ(lowercase_media_type("\xc3\x89"), "\xc3\x89");
}
