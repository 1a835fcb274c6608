// Config files that the config fuzz target found to crash or mislead the
// loader, each refused now with a message at its place.

#include "config_support.hpp"

#include <gtest/gtest.h>

using slam::config::testing::config_error;
using slam::config::testing::k_minimal;

// Bytes that are not UTF-8 anywhere, in a comment, a tag or a key, are
// refused before parsing, each bad line at its first bad byte; past the
// parser they reached the config's JSON, which threw an internal error.
TEST(ConfigHostile, invalid_utf8_outside_values_is_an_error)
{
  EXPECT_EQ(config_error(std::string(k_minimal) + "# caf\xe9\n"),
            "slam.yaml:5:6: '# caf\\xe9' is not valid UTF-8 text");
  EXPECT_EQ(config_error(std::string(k_minimal) +
                         "aws:\n  cfn_resources:\n    X: !T\xc3 {}\n"
                         "tags:\n  \xff: 1\n"),
            "slam.yaml:7:10: '    X: !T\\xc3 {}' is not valid UTF-8 text\n"
            "slam: error: slam.yaml:9:3: '  \\xff: 1' is not valid UTF-8 "
            "text");
}

// An alias inside its own anchor makes a value that contains itself: the
// readers recursed until the stack overflowed, and yaml-cpp's cycle of
// nodes is never freed (the config fuzz target's leak check).
TEST(ConfigHostile, an_alias_inside_its_anchor_is_an_error)
{
  EXPECT_EQ(config_error(std::string(k_minimal) +
                         "aws:\n  cfn_resources: &a\n    X: [*a]\n"),
            "slam.yaml:7:9: an alias inside the value of its own anchor: "
            "that value would contain itself");
  EXPECT_EQ(config_error(std::string(k_minimal) + "x: &b [1, [2, *b]]\n"),
            "slam.yaml:5:15: an alias inside the value of its own anchor: "
            "that value would contain itself");
  // An alias after its anchor's value is only a copy.
  EXPECT_EQ(config_error(std::string(k_minimal) +
                         "environment: &e {A: \"1\"}\n"
                         "stage_environments: {dev: *e}\n"),
            "");
}

// Deep nesting is refused before any reader recurses through it.
TEST(ConfigHostile, deep_nesting_is_an_error)
{
  auto text = std::string(k_minimal) +
              "aws:\n  cfn_resources: " + std::string(150, '[') +
              std::string(150, ']') + "\n";
  auto message = config_error(text);
  EXPECT_NE(message.find("values nest more than 100 levels deep"),
            std::string::npos)
      << message;
}

// An empty "wsgi:" with interface: function has no node to point at: the
// error was reported through an empty std::optional (undefined behaviour,
// found by the config fuzz target under UBSan).
TEST(ConfigHostile, empty_wsgi_section_with_a_function_is_an_error)
{
  EXPECT_EQ(
      config_error(std::string(k_minimal) + "interface: function\nwsgi:\n"),
      "slam.yaml:1:1: interface: function takes direct invocations "
      "only; remove the wsgi section or set wsgi.deploy_api_gateway: "
      "false");
}

// A second YAML document was ignored without a word.
TEST(ConfigHostile, a_second_document_is_an_error)
{
  auto message =
      config_error(std::string(k_minimal) + "---\nname: \"other\"\n");
  EXPECT_NE(message.find("slam.yaml:5:1: a second YAML document starts here"),
            std::string::npos)
      << message;
  EXPECT_EQ(config_error(std::string("---\n") + k_minimal), "");
}

// An error quotes a long value in part: a 60 MB name came back whole.
TEST(ConfigHostile, long_values_are_quoted_in_part)
{
  auto message = config_error("name: \"" + std::string(100000, 'n') +
                              "\"\nfunction: {module: app, app: app}\n");
  EXPECT_LT(message.size(), 1000u) << message.size();
  EXPECT_NE(message.find("name 'nnn"), std::string::npos) << message;
}

// YAML::LoadAll, used for a while to find a second document, built nodes
// without end on this text until memory ran out (found by the config fuzz
// target); the file is an error like any other malformed one.
TEST(ConfigHostile, text_that_made_the_document_loader_loop_is_an_error)
{
  auto message = config_error(",ynodb_tables:\n  users:\n    a: email\n");
  EXPECT_NE(message.find("slam.yaml:"), std::string::npos) << message;
}
