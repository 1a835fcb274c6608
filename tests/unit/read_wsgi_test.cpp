#include "stage_project.hpp"

#include <gtest/gtest.h>

using slam::test::load_stage_project;
using slam::test::stage_project_error;
using Strings = std::vector<std::string>;

// The stage project's slam.yaml has 7 lines; "wsgi:" is line 8.

// Without the keys, or without the section, the adapter gets no base
// path and only its built-in text types.
TEST(ReadWsgi, adapter_keys_default_to_empty)
{
  for (auto more : {"", "wsgi:\n", "wsgi:\n  api: http\n"}) {
    auto wsgi = load_stage_project(more).wsgi;
    EXPECT_EQ(wsgi.base_path, "") << more;
    EXPECT_EQ(wsgi.text_types, Strings{}) << more;
    EXPECT_EQ(wsgi.binary_types, Strings{}) << more;
  }
}

// A leading and a trailing slash are dropped; "/" is no base path.
TEST(ReadWsgi, base_path_loses_its_outer_slashes)
{
  auto base_path = [](const std::string& value) {
    return load_stage_project("wsgi:\n  base_path: \"" + value + "\"\n")
        .wsgi.base_path;
  };

  EXPECT_EQ(base_path("users"), "users");
  EXPECT_EQ(base_path("/users"), "users");
  EXPECT_EQ(base_path("users/"), "users");
  EXPECT_EQ(base_path("/users/v1/"), "users/v1");
  EXPECT_EQ(base_path("api.v2/~me"), "api.v2/~me");
  EXPECT_EQ(base_path("/"), "");
  EXPECT_EQ(base_path(""), "");
}

TEST(ReadWsgi, base_path_with_an_empty_segment_is_an_error)
{
  auto expected = [](const std::string& value) {
    return "slam.yaml:9:14: base_path '" + value +
           "' must not have an empty segment (a path such as 'users' or "
           "'users/v1')";
  };
  for (std::string value : {"users//v1", "//users", "users//", "//", "///"}) {
    EXPECT_EQ(stage_project_error("wsgi:\n  base_path: \"" + value + "\"\n"),
              expected(value))
        << value;
  }
}

// The adapter compares the base path with the decoded path, which can
// never hold a query, a fragment or an escape, and takes ASCII only.
TEST(ReadWsgi, base_path_with_forbidden_characters_is_an_error)
{
  auto expected = [](const std::string& value) {
    return "slam.yaml:9:14: base_path '" + value +
           "' must be ASCII without whitespace, control characters, '?', "
           "'#' or '%' (a path such as 'users' or 'users/v1')";
  };
  for (std::string value : {"my users",
                            "users?v=1",
                            "users#top",
                            "users%2Fv1",
                            "users\\tv1",
                            "caf\xc3\xa9"}) {
    // A control character is shown escaped, never as it is.
    auto shown = value == "users\\tv1" ? std::string("users\\x09v1") : value;
    EXPECT_EQ(stage_project_error("wsgi:\n  base_path: \"" + value + "\"\n"),
              expected(shown))
        << value;
  }
}

TEST(ReadWsgi, base_path_must_be_a_string)
{
  EXPECT_EQ(stage_project_error("wsgi:\n  base_path: [users]\n"),
            "slam.yaml:9:14: base_path must be a string");
}

// Media types are case-insensitive; the adapter compares lowercase ones.
TEST(ReadWsgi, media_types_are_read_in_lowercase)
{
  auto wsgi = load_stage_project(R"(wsgi:
  text_types: ["Application/VND.Acme", "application/*", "*/*",
               "application/*+CBOR", "application/x-www-form-urlencoded"]
  binary_types: "Application/PDF"
)")
                  .wsgi;

  EXPECT_EQ(wsgi.text_types,
            (Strings{"application/vnd.acme",
                     "application/*",
                     "*/*",
                     "application/*+cbor",
                     "application/x-www-form-urlencoded"}));
  EXPECT_EQ(wsgi.binary_types, Strings{"application/pdf"});
}

// Each bad entry is named at its own position, in both lists.
TEST(ReadWsgi, invalid_media_types_are_errors_at_their_entries)
{
  auto suffix = std::string(" must be a media type such as "
                            "'application/json', 'application/*', "
                            "'application/*+json' or '*/*', without "
                            "parameters");
  EXPECT_EQ(stage_project_error(R"(wsgi:
  text_types:
    - "text/html; charset=utf-8"
    - "json"
    - ""
    - "text /html"
    - "text/plain"
  binary_types: ["image/png", "*/png", "image/*+"]
)"),
            "slam.yaml:10:7: text_types entry 'text/html; charset=utf-8'" +
                suffix +
                "\n"
                "slam: error: slam.yaml:11:7: text_types entry 'json'" +
                suffix +
                "\n"
                "slam: error: slam.yaml:12:7: text_types entry ''" +
                suffix +
                "\n"
                "slam: error: slam.yaml:13:7: text_types entry 'text /html'" +
                suffix +
                "\n"
                "slam: error: slam.yaml:15:31: binary_types entry '*/png'" +
                suffix +
                "\n"
                "slam: error: slam.yaml:15:40: binary_types entry 'image/*+'" +
                suffix);
}

TEST(ReadWsgi, media_types_must_be_a_list_of_strings)
{
  EXPECT_EQ(stage_project_error("wsgi:\n  text_types: {text: html}\n"),
            "slam.yaml:9:15: text_types must be a list of strings");
  EXPECT_EQ(stage_project_error("wsgi:\n  binary_types: [[image/png]]\n"),
            "slam.yaml:9:17: binary_types must be a list of strings");
}
