#include "slam/cfn/plugin_answer.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam;
using Json = nlohmann::ordered_json;

namespace {

// A template with a parameter, a resource and an output.
Json small_template()
{
  return Json::parse(R"({
    "Parameters": {"LambdaS3Key": {"Type": "String"}},
    "Resources": {"Function": {"Type": "AWS::Lambda::Function"}},
    "Outputs": {"FunctionArn": {"Value": "x"}}
  })");
}

// Return the message of the slam::Error that merging ANSWER (as JSON text)
// throws ("" if none); the template must then be unchanged.
std::string merge_error(const std::string& answer)
{
  auto stack_template = small_template();
  try {
    cfn::merge_plugin_answer("queue", Json::parse(answer), stack_template);
  } catch (const Error& error) {
    EXPECT_EQ(stack_template, small_template()) << answer;
    return error.what();
  }
  return "";
}

} // namespace

// Resources, Outputs and Conditions are added, in order; sections the
// template lacks are made.
TEST(PluginAnswer, sections_are_added)
{
  auto stack_template = small_template();

  cfn::merge_plugin_answer("queue",
                           Json::parse(R"({
    "Conditions": {"IsProd": {"Fn::Equals": ["a", "b"]}},
    "Resources": {"Queue": {"Type": "AWS::SQS::Queue",
                            "Condition": "IsProd"}},
    "Outputs": {"QueueUrl": {"Value": {"Ref": "Queue"}}}
  })"),
                           stack_template);

  EXPECT_EQ(stack_template, Json::parse(R"({
    "Parameters": {"LambdaS3Key": {"Type": "String"}},
    "Resources": {"Function": {"Type": "AWS::Lambda::Function"},
                  "Queue": {"Type": "AWS::SQS::Queue", "Condition": "IsProd"}},
    "Outputs": {"FunctionArn": {"Value": "x"},
                "QueueUrl": {"Value": {"Ref": "Queue"}}},
    "Conditions": {"IsProd": {"Fn::Equals": ["a", "b"]}}
  })"));
}

// An empty answer adds nothing.
TEST(PluginAnswer, empty_answer_changes_nothing)
{
  EXPECT_EQ(merge_error("{}"), "");
}

// A taken logical id is refused, parameters included, rather than replaced.
TEST(PluginAnswer, taken_ids_are_refused)
{
  EXPECT_EQ(merge_error(R"({"Resources": {"Function": {"Type": "X"}}})"),
            "external plugin 'queue' added 'Function' to Resources, a logical "
            "id the template already has; give it another name");
  EXPECT_EQ(merge_error(R"({"Resources": {"LambdaS3Key": {"Type": "X"}}})"),
            "external plugin 'queue' added 'LambdaS3Key' to Resources, a "
            "logical id the template already has; give it another name");
  EXPECT_EQ(merge_error(R"({"Outputs": {"FunctionArn": {"Value": 1}}})"),
            "external plugin 'queue' added 'FunctionArn' to Outputs, a "
            "logical id the template already has; give it another name");
}

// Anything but the three sections of mappings with the keys
// CloudFormation needs is refused, before anything is added.
TEST(PluginAnswer, bad_shapes_are_refused)
{
  EXPECT_EQ(merge_error("[]"),
            "external plugin 'queue' must answer with a JSON object of "
            "Resources, Outputs and Conditions to add");
  EXPECT_EQ(merge_error(R"({"Resources": {}, "Parameters": {}})"),
            "external plugin 'queue' answered with the key 'Parameters'; it "
            "may add only Resources, Outputs and Conditions");
  EXPECT_EQ(merge_error(R"({"Outputs": []})"),
            "external plugin 'queue' answered with Outputs that is not a "
            "mapping of logical ids to definitions");
  EXPECT_EQ(merge_error(R"({"Resources": {"A": {"Type": "X"},
                                          "B": {"Properties": {}}}})"),
            "external plugin 'queue' added 'B' to Resources without a "
            "mapping with Type");
  EXPECT_EQ(merge_error(R"({"Conditions": {"C": true}})"),
            "external plugin 'queue' added 'C' to Conditions without a "
            "mapping");
  EXPECT_EQ(merge_error(R"({"Resources": {"my-queue": {"Type": "X"}}})"),
            "external plugin 'queue' added 'my-queue' to Resources, which is "
            "not a logical id (1 to 255 letters and digits)");
}
