#include "slam/package/requirements_spec.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using slam::package::parse_requirement;
using slam::package::Requirement;

namespace {

std::string error_of(std::string_view spec)
{
  try {
    parse_requirement(spec, "'r.txt' line 1");
  } catch (const slam::Error& error) {
    return error.what();
  }
  return "no error";
}

} // namespace

TEST(RequirementsSpec, plain_name)
{
  EXPECT_EQ(parse_requirement("Flask"), (Requirement{.name = "Flask"}));
}

TEST(RequirementsSpec, extras_specifier_and_marker)
{
  EXPECT_EQ(parse_requirement(" requests [socks, security] >= 2.0 , < 3 ; "
                              "python_version < \"3.10\""),
            (Requirement{.name = "requests",
                         .extras = {"socks", "security"},
                         .specifier = ">=2.0,<3",
                         .marker = "python_version < \"3.10\""}));
}

TEST(RequirementsSpec, parenthesised_specifier_and_wildcards)
{
  EXPECT_EQ(
      parse_requirement("zope.interface (==5.*,!=5.1.0)"),
      (Requirement{.name = "zope.interface", .specifier = "==5.*,!=5.1.0"}));
  EXPECT_EQ(parse_requirement("a~=1.4.2"),
            (Requirement{.name = "a", .specifier = "~=1.4.2"}));
  EXPECT_EQ(parse_requirement("a===1.0+local"),
            (Requirement{.name = "a", .specifier = "===1.0+local"}));
}

TEST(RequirementsSpec, url_requirement_with_marker)
{
  EXPECT_EQ(
      parse_requirement("pip @ https://example.invalid/pip.whl ; os_name=='a'"),
      (Requirement{.name = "pip",
                   .url = "https://example.invalid/pip.whl",
                   .marker = "os_name=='a'"}));
}

TEST(RequirementsSpec, empty_extras_are_allowed)
{
  EXPECT_EQ(parse_requirement("flask[]"), (Requirement{.name = "flask"}));
}

TEST(RequirementsSpec, invalid_requirements_say_why_and_where)
{
  EXPECT_EQ(error_of("flask=="),
            "invalid requirement 'flask==' in 'r.txt' line 1: expected a "
            "version after '=='");
  EXPECT_EQ(error_of("flask 1.0"),
            "invalid requirement 'flask 1.0' in 'r.txt' line 1: expected a "
            "version operator before '1.0'");
  EXPECT_EQ(error_of("flask[async"),
            "invalid requirement 'flask[async' in 'r.txt' line 1: missing "
            "']' after the extras");
  EXPECT_EQ(error_of("-flask"),
            "invalid requirement '-flask' in 'r.txt' line 1: expected a "
            "distribution name");
  EXPECT_EQ(error_of("flask;"),
            "invalid requirement 'flask;' in 'r.txt' line 1: expected a "
            "marker after ';'");
  EXPECT_EQ(error_of("flask @ "),
            "invalid requirement 'flask @' in 'r.txt' line 1: expected a "
            "URL after '@'");
}
