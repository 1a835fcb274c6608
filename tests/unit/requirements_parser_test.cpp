#include "slam/package/requirements_parser.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using slam::package::parse_requirements;
using slam::package::Requirement;
using slam::package::RequirementsText;
using slam::package::Strictness;

TEST(RequirementsParser, skips_comments_and_blank_lines)
{
  auto text = "# the web app\n"
              "\n"
              "Flask>=3  # web\n"
              "   \n"
              "boto3\t# aws\n";
  EXPECT_EQ(parse_requirements(text, "requirements.txt"),
            (RequirementsText{.requirements = {{.name = "Flask",
                                                .specifier = ">=3",
                                                .file = "requirements.txt",
                                                .line = 3},
                                               {.name = "boto3",
                                                .file = "requirements.txt",
                                                .line = 5}}}));
}

TEST(RequirementsParser, joins_continuation_lines)
{
  auto text = "requests[socks] \\\n"
              "    >=2.0 \\\n"
              "    ; python_version >= '3.8'\n"
              "click\r\n";
  EXPECT_EQ(
      parse_requirements(text, "r.txt"),
      (RequirementsText{
          .requirements = {{.name = "requests",
                            .extras = {"socks"},
                            .specifier = ">=2.0",
                            .marker = "python_version >= '3.8'",
                            .file = "r.txt",
                            .line = 1},
                           {.name = "click", .file = "r.txt", .line = 4}}}));
}

TEST(RequirementsParser, drops_hashes_and_other_requirement_options)
{
  auto text = "flask==3.1.3 \\\n"
              "    --hash=sha256:aaaa \\\n"
              "    --hash=sha256:bbbb\n";
  EXPECT_EQ(parse_requirements(text, "r.txt").requirements,
            (std::vector<Requirement>{{.name = "flask",
                                       .specifier = "==3.1.3",
                                       .file = "r.txt",
                                       .line = 1}}));
}

TEST(RequirementsParser, collects_includes_and_constraints)
{
  auto text = "-r base.txt\n"
              "--requirement=more/extra.txt\n"
              "-rlast.txt\n"
              "-c constraints.txt\n"
              "--constraint pins.txt\n";
  EXPECT_EQ(
      parse_requirements(text, "r.txt"),
      (RequirementsText{.includes = {"base.txt", "more/extra.txt", "last.txt"},
                        .constraints = {"constraints.txt", "pins.txt"}}));
}

TEST(RequirementsParser, ignores_index_options_and_skips_the_unsupported)
{
  auto text = "--index-url https://example.invalid/simple\n"
              "-f ./wheels\n"
              "--pre\n"
              "-e git+https://example.invalid/lib.git#egg=lib\n"
              "./dist/thing-1.0-py3-none-any.whl\n"
              "https://example.invalid/x.tar.gz\n"
              "--frobnicate\n";
  EXPECT_EQ(
      parse_requirements(text, "r.txt"),
      (RequirementsText{
          .skipped = {
              "skipping '-e git+https://example.invalid/lib.git#egg=lib' in "
              "'r.txt' line 4: editable requirements are not supported; list "
              "the "
              "distribution by name",
              "skipping './dist/thing-1.0-py3-none-any.whl' in 'r.txt' line 5: "
              "only requirements by name are supported",
              "skipping 'https://example.invalid/x.tar.gz' in 'r.txt' line 6: "
              "only requirements by name are supported",
              "skipping '--frobnicate' in 'r.txt' line 7: unknown option "
              "'--frobnicate'"}}));
}

TEST(RequirementsParser, invalid_line_is_an_error_naming_file_and_line)
{
  try {
    parse_requirements("flask\n\nclick >= \n", "requirements.txt");
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_STREQ(error.what(),
                 "invalid requirement 'click >=' in 'requirements.txt' line "
                 "3: expected a version after '>='");
  }
}

TEST(RequirementsParser, lenient_parsing_skips_invalid_lines)
{
  EXPECT_EQ(
      parse_requirements("click >= \nflask\n", "r.txt", Strictness::lenient),
      (RequirementsText{
          .requirements = {{.name = "flask", .file = "r.txt", .line = 2}},
          .skipped = {"invalid requirement 'click >=' in 'r.txt' line 1: "
                      "expected a version after '>='"}}));
}
