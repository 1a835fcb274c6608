// The AWS clients against a real AWS-compatible server: moto_server on a
// free loopback port. Skipped when moto_server is not installed.

#include "aws_moto_server.hpp"
#include "aws_test_support.hpp"
#include "slam/aws/cloudformation.hpp"
#include "slam/aws/error.hpp"
#include "slam/aws/lambda.hpp"
#include "slam/aws/s3.hpp"
#include "slam/aws/session.hpp"
#include "slam/aws/sts.hpp"
#include "slam/util/files.hpp"
#include "slam/util/hash.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <memory>

using namespace slam::aws;

namespace {

constexpr const char* k_template = R"({
  "Parameters": {"BucketName": {"Type": "String"}},
  "Resources": {
    "Bucket": {
      "Type": "AWS::S3::Bucket",
      "Properties": {"BucketName": {"Ref": "BucketName"}}
    }
  },
  "Outputs": {"Name": {"Value": {"Ref": "Bucket"}}}
})";

class AwsClientsMoto : public slam::aws::testing::MotoTest
{
protected:
  // Write CONTENT to a file of the test's temporary folder.
  std::filesystem::path make_file(const std::string& name,
                                  const std::string& content)
  {
    return write_home_file(name, content);
  }
};

} // namespace

// A bucket goes through its whole life: created, filled, listed page by
// page, emptied, deleted.
TEST_F(AwsClientsMoto, s3_bucket_and_objects_round_trip)
{
  Session session({}, "");
  S3 s3(session);
  EXPECT_FALSE(s3.bucket_exists("slam-round-trip"));
  s3.create_bucket("slam-round-trip");
  EXPECT_TRUE(s3.bucket_exists("slam-round-trip"));

  auto file = make_file("package.zip", "PK\x03\x04 not really a zip");
  for (auto key : {"a/1.zip", "a/2.zip", "a/3.zip", "b/1.zip", "a/4.zip"}) {
    s3.put_object("slam-round-trip", key, file);
  }
  auto info = s3.head_object("slam-round-trip", "a/2.zip");
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->size, std::filesystem::file_size(file));
  EXPECT_EQ(info->content_type, "application/zip");
  EXPECT_EQ(s3.head_object("slam-round-trip", "a/missing.zip"), std::nullopt);
  EXPECT_EQ(
      s3.list_keys("slam-round-trip", "a/", 2),
      (std::vector<std::string>{"a/1.zip", "a/2.zip", "a/3.zip", "a/4.zip"}));

  for (const auto& key : s3.list_keys("slam-round-trip")) {
    s3.delete_object("slam-round-trip", key);
  }
  EXPECT_EQ(s3.list_keys("slam-round-trip"), std::vector<std::string>{});
  s3.delete_bucket("slam-round-trip");
  EXPECT_FALSE(s3.bucket_exists("slam-round-trip"));
}

// Keys with spaces, unicode and reserved characters survive the trip
// (S3 signs the path exactly as sent).
TEST_F(AwsClientsMoto, s3_keys_with_special_characters)
{
  Session session({}, "");
  S3 s3(session);
  s3.create_bucket("slam-special-keys");
  auto file = make_file("data.bin", "x");
  std::vector<std::string> keys = {
      "dir/a b+c=d&e.zip", "dir/caf\xc3\xa9.zip", "dir/x~y*z(1).zip"};
  for (const auto& key : keys) {
    s3.put_object("slam-special-keys", key, file);
    EXPECT_TRUE(s3.head_object("slam-special-keys", key).has_value()) << key;
  }
  auto listed = s3.list_keys("slam-special-keys", "dir/");
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(listed, keys);
}

// Outside us-east-1 the bucket is created with a LocationConstraint,
// which moto (like S3) insists on.
TEST_F(AwsClientsMoto, s3_creates_bucket_in_another_region)
{
  Session session({"", "eu-west-1", ""}, "");
  S3 s3(session);
  s3.create_bucket("slam-in-ireland");
  EXPECT_TRUE(s3.bucket_exists("slam-in-ireland"));
  s3.create_bucket("slam-in-ireland"); // already ours: fine
}

// S3's own error codes reach the user in the standard form.
TEST_F(AwsClientsMoto, s3_error_names_service_operation_and_code)
{
  Session session({}, "");
  S3 s3(session);
  s3.create_bucket("slam-not-empty");
  s3.put_object("slam-not-empty", "k", make_file("f", "x"));
  try {
    s3.delete_bucket("slam-not-empty");
    FAIL() << "deleting a full bucket succeeded";
  } catch (const AwsError& error) {
    EXPECT_EQ(error.code(), "BucketNotEmpty");
    EXPECT_EQ(error.http_status(), 409);
    EXPECT_EQ(std::string(error.what()),
              "s3 DeleteBucket: BucketNotEmpty: " + error.message());
  }
}

// A stack is created, described with its parameters and outputs, updated
// (and not updated when nothing changed), its events listed, deleted.
TEST_F(AwsClientsMoto, cloudformation_stack_life_cycle)
{
  Session session({}, "");
  CloudFormation cloudformation(session);
  EXPECT_EQ(cloudformation.describe_stack("slam-stack"), std::nullopt);

  StackRequest request{"slam-stack",
                       k_template,
                       "",
                       {{"BucketName", "slam-stack-bucket"}},
                       {"CAPABILITY_IAM"},
                       {{"project", "slam"}}};
  StackWait wait;
  wait.since = std::chrono::system_clock::now() - std::chrono::seconds(1);
  auto id = cloudformation.create_stack(request);
  std::vector<std::string> reported;
  wait.on_event = [&](const StackEvent& event) {
    reported.push_back(event.logical_id + " " + event.status);
  };
  auto stack = cloudformation.wait_for_stack("slam-stack", wait);
  EXPECT_EQ(stack.id, id);
  EXPECT_EQ(stack.status, "CREATE_COMPLETE");
  EXPECT_EQ(stack.parameters,
            (std::map<std::string, std::string>{
                {"BucketName", "slam-stack-bucket"}}));
  EXPECT_EQ(
      stack.outputs,
      (std::map<std::string, std::string>{{"Name", "slam-stack-bucket"}}));
  EXPECT_EQ(stack.tags,
            (std::map<std::string, std::string>{{"project", "slam"}}));
  ASSERT_FALSE(reported.empty());
  EXPECT_EQ(reported.back(), "slam-stack CREATE_COMPLETE");

  EXPECT_FALSE(cloudformation.update_stack(request));
  request.parameters = {{"BucketName", "slam-stack-bucket-2"}};
  EXPECT_TRUE(cloudformation.update_stack(request));
  EXPECT_EQ(cloudformation.wait_for_stack("slam-stack").outputs.at("Name"),
            "slam-stack-bucket-2");

  auto events = cloudformation.stack_events("slam-stack");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().status, "UPDATE_COMPLETE");
  EXPECT_TRUE(std::is_sorted(
      events.begin(), events.end(), [](const auto& a, const auto& b) {
        return a.time > b.time;
      }));

  cloudformation.delete_stack("slam-stack");
  EXPECT_EQ(cloudformation.wait_for_stack(id).status, "DELETE_COMPLETE");
  EXPECT_EQ(cloudformation.describe_stack("slam-stack"), std::nullopt);
  EXPECT_EQ(cloudformation.describe_stack(id), std::nullopt);
  try {
    cloudformation.wait_for_stack("slam-stack");
    FAIL() << "waiting for a deleted stack by name succeeded";
  } catch (const slam::Error& error) {
    EXPECT_EQ(std::string(error.what()), "stack 'slam-stack' does not exist");
  }
}

// A template error comes back as the service's own error.
TEST_F(AwsClientsMoto, cloudformation_validation_error_reaches_the_user)
{
  Session session({}, "");
  CloudFormation cloudformation(session);
  StackRequest request;
  request.name = "slam-broken";
  request.template_body = R"({"Resources": {"X": {"Type": "AWS::S3::Bucket"}},
    "Outputs": {"Y": {"Value": {"Fn::GetAtt": ["X", "Nope"]}}}})";
  try {
    cloudformation.create_stack(request);
    FAIL() << "a broken template was accepted";
  } catch (const AwsError& error) {
    EXPECT_EQ(error.code(), "ValidationError");
    EXPECT_EQ(std::string(error.what()),
              "cloudformation CreateStack: ValidationError: " +
                  error.message());
  }
}

// GetCallerIdentity gives moto's fixed account.
TEST_F(AwsClientsMoto, sts_returns_account_id)
{
  Session session({}, "");
  EXPECT_EQ(Sts(session).account_id(), "123456789012");
}

// A function that does not exist is nothing, not an error.
TEST_F(AwsClientsMoto, lambda_missing_function_is_nullopt)
{
  Session session({}, "");
  EXPECT_EQ(Lambda(session).get_function("slam-missing"), std::nullopt);
}

// Bucket tags are set and read back; a bucket without tags has none.
TEST_F(AwsClientsMoto, s3_bucket_tags_round_trip)
{
  Session session({}, "");
  S3 s3(session);
  s3.create_bucket("slam-tags");
  EXPECT_EQ(s3.bucket_tags("slam-tags"),
            (std::map<std::string, std::string>{}));
  std::map<std::string, std::string> tags = {{"slam:created-by", "shop"},
                                             {"team", "a & b"}};
  s3.put_bucket_tags("slam-tags", tags);
  EXPECT_EQ(s3.bucket_tags("slam-tags"), tags);
}

// An object written from memory is listed with its size and time.
TEST_F(AwsClientsMoto, s3_object_from_memory_is_listed_with_details)
{
  Session session({}, "");
  S3 s3(session);
  s3.create_bucket("slam-memory");
  auto before = std::chrono::system_clock::now() - std::chrono::seconds(2);
  s3.put_object_content(
      "slam-memory", "t/a.json", R"({"a": 1})", "application/json");
  s3.put_object_content("slam-memory", "u/b.json", "{}", "application/json");
  auto objects = s3.list_objects("slam-memory", "t/");
  ASSERT_EQ(objects.size(), 1u);
  EXPECT_EQ(objects[0].key, "t/a.json");
  EXPECT_EQ(objects[0].size, 8u);
  EXPECT_GE(objects[0].last_modified, before);
  EXPECT_LE(objects[0].last_modified, std::chrono::system_clock::now());
  EXPECT_EQ(s3.head_object("slam-memory", "t/a.json")->content_type,
            "application/json");
}

// GetTemplate gives the template the stack was made from.
TEST_F(AwsClientsMoto, cloudformation_returns_the_stack_template)
{
  Session session({}, "");
  CloudFormation cloudformation(session);
  cloudformation.create_stack({"slam-template",
                               k_template,
                               "",
                               {{"BucketName", "slam-template-bucket"}},
                               {},
                               {}});
  EXPECT_EQ(nlohmann::json::parse(cloudformation.get_template("slam-template")),
            nlohmann::json::parse(k_template));
}
