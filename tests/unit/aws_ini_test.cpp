#include "slam/aws/ini.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;

// Sections, settings with lowercase names, comments of both kinds and
// nested settings, the way the AWS CLI writes and reads its files.
TEST(AwsIni, parses_the_aws_cli_dialect)
{
  auto file = parse_ini("# leading comment\n"
                        "[default]\n"
                        "Region = eu-west-1  # where we deploy\n"
                        "output=json\n"
                        "\n"
                        "; another comment\n"
                        "[profile dev]\n"
                        "role_arn = arn:aws:iam::123456789012:role/dev\n"
                        "s3 =\n"
                        "  max_concurrent_requests = 20\n"
                        "  addressing_style = path\n"
                        "region: us-east-2\r\n"
                        "  [ spaced name ]  \n"
                        "key = value;not a comment\n",
                        "config");
  EXPECT_EQ(file,
            (IniFile{{"default", {{"region", "eu-west-1"}, {"output", "json"}}},
                     {"profile dev",
                      {{"role_arn", "arn:aws:iam::123456789012:role/dev"},
                       {"s3", ""},
                       {"s3.max_concurrent_requests", "20"},
                       {"s3.addressing_style", "path"},
                       {"region", "us-east-2"}}},
                     {"spaced name", {{"key", "value;not a comment"}}}}));
}

// A line that is neither names the file and the line.
TEST(AwsIni, malformed_line_is_an_error_naming_file_and_line)
{
  try {
    parse_ini("[default]\nregion = x\nthis is not a setting\n",
              "~/.aws/config");
    FAIL() << "no error";
  } catch (const slam::UsageError& error) {
    EXPECT_EQ(std::string(error.what()),
              "'~/.aws/config' line 3: expected 'name = value' or "
              "'[section]'");
  }
}

// A setting needs a section to belong to.
TEST(AwsIni, setting_before_any_section_is_an_error)
{
  EXPECT_THROW(parse_ini("region = x\n", "config"), slam::UsageError);
}
