#include "slam/aws/cloudformation_xml.hpp"
#include "slam/util/error.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;

namespace {

Timestamp at(const char* text)
{
  return parse_iso8601(text).value();
}

} // namespace

// A DescribeStacks answer as CloudFormation sends it.
TEST(AwsCloudFormationXml, describe_stacks_gives_whole_stacks)
{
  auto xml =
      R"(<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <DescribeStacksResult>
    <Stacks>
      <member>
        <StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/app/1</StackId>
        <StackName>app</StackName>
        <Description>Slam app</Description>
        <Parameters>
          <member><ParameterKey>LambdaS3Key</ParameterKey><ParameterValue>abc.zip</ParameterValue></member>
          <member><ParameterKey>LambdaS3Bucket</ParameterKey><ParameterValue>b</ParameterValue></member>
        </Parameters>
        <CreationTime>2024-05-01T10:00:00.123Z</CreationTime>
        <LastUpdatedTime>2024-05-02T11:00:00Z</LastUpdatedTime>
        <StackStatus>UPDATE_ROLLBACK_COMPLETE</StackStatus>
        <StackStatusReason>Resource Function failed</StackStatusReason>
        <Capabilities><member>CAPABILITY_IAM</member></Capabilities>
        <Outputs>
          <member><OutputKey>DevEndpoint</OutputKey><OutputValue>https://x/dev</OutputValue><Description>d</Description></member>
        </Outputs>
        <Tags><member><Key>project</Key><Value>app</Value></member></Tags>
      </member>
      <member>
        <StackId>id-2</StackId>
        <StackName>other</StackName>
        <StackStatus>CREATE_IN_PROGRESS</StackStatus>
      </member>
    </Stacks>
  </DescribeStacksResult>
  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
</DescribeStacksResponse>)";
  Stack first;
  first.id = "arn:aws:cloudformation:us-east-1:123456789012:stack/app/1";
  first.name = "app";
  first.status = "UPDATE_ROLLBACK_COMPLETE";
  first.status_reason = "Resource Function failed";
  first.description = "Slam app";
  first.parameters = {{"LambdaS3Key", "abc.zip"}, {"LambdaS3Bucket", "b"}};
  first.outputs = {{"DevEndpoint", "https://x/dev"}};
  first.tags = {{"project", "app"}};
  first.creation_time = at("2024-05-01T10:00:00.123Z");
  first.last_updated_time = at("2024-05-02T11:00:00Z");
  Stack second;
  second.id = "id-2";
  second.name = "other";
  second.status = "CREATE_IN_PROGRESS";
  auto stacks = parse_describe_stacks(xml);
  ASSERT_EQ(stacks.size(), 2u);
  EXPECT_TRUE(stacks[0] == first);
  EXPECT_TRUE(stacks[1] == second);
  EXPECT_FALSE(stacks[0].in_progress());
  EXPECT_TRUE(stacks[1].in_progress());
}

// A DescribeStackEvents page, newest first, with the next page's token.
TEST(AwsCloudFormationXml, describe_stack_events_gives_events_and_token)
{
  auto xml =
      R"(<DescribeStackEventsResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <DescribeStackEventsResult>
    <StackEvents>
      <member>
        <EventId>e2</EventId><StackName>app</StackName>
        <LogicalResourceId>Function</LogicalResourceId>
        <PhysicalResourceId>app-Function-1</PhysicalResourceId>
        <ResourceType>AWS::Lambda::Function</ResourceType>
        <Timestamp>2024-05-01T10:00:05Z</Timestamp>
        <ResourceStatus>CREATE_FAILED</ResourceStatus>
        <ResourceStatusReason>Role is invalid</ResourceStatusReason>
      </member>
      <member>
        <EventId>e1</EventId><StackName>app</StackName>
        <LogicalResourceId>app</LogicalResourceId>
        <ResourceType>AWS::CloudFormation::Stack</ResourceType>
        <Timestamp>2024-05-01T10:00:00.5Z</Timestamp>
        <ResourceStatus>CREATE_IN_PROGRESS</ResourceStatus>
      </member>
    </StackEvents>
    <NextToken>page-2</NextToken>
  </DescribeStackEventsResult>
</DescribeStackEventsResponse>)";
  auto page = parse_describe_stack_events(xml);
  std::vector<StackEvent> expected = {
      {"e2",
       "app",
       "Function",
       "app-Function-1",
       "AWS::Lambda::Function",
       "CREATE_FAILED",
       "Role is invalid",
       at("2024-05-01T10:00:05Z")},
      {"e1",
       "app",
       "app",
       "",
       "AWS::CloudFormation::Stack",
       "CREATE_IN_PROGRESS",
       "",
       at("2024-05-01T10:00:00.5Z")},
  };
  EXPECT_TRUE(page.events == expected);
  EXPECT_EQ(page.next_token, "page-2");
}

// The last page has no token.
TEST(AwsCloudFormationXml, last_events_page_has_no_token)
{
  auto page = parse_describe_stack_events(
      "<DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents/>"
      "</DescribeStackEventsResult></DescribeStackEventsResponse>");
  EXPECT_TRUE(page.events.empty());
  EXPECT_EQ(page.next_token, std::nullopt);
}

// CreateStack answers with the new stack's id.
TEST(AwsCloudFormationXml, result_value_reads_the_result_element)
{
  EXPECT_EQ(parse_result_value(
                "<CreateStackResponse><CreateStackResult><StackId>arn:1"
                "</StackId></CreateStackResult></CreateStackResponse>",
                "CreateStack",
                "StackId"),
            "arn:1");
}

// An answer of the wrong shape is an error naming the operation.
TEST(AwsCloudFormationXml, unexpected_answer_is_an_error)
{
  try {
    parse_describe_stacks("<html>gateway</html>");
    FAIL() << "no error";
  } catch (const slam::Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "cloudformation DescribeStacks: the answer has no "
              "DescribeStacksResult element");
  }
  EXPECT_THROW(parse_result_value("<CreateStackResponse><CreateStackResult/>"
                                  "</CreateStackResponse>",
                                  "CreateStack",
                                  "StackId"),
               slam::Error);
  EXPECT_THROW(parse_describe_stack_events("not xml"), slam::Error);
}

// A DescribeChangeSet page: changes with their replacement and the
// properties that cause them (each named once), and the next page's token.
TEST(AwsCloudFormationXml, describe_change_set_gives_changes_and_token)
{
  auto xml =
      R"(<DescribeChangeSetResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <DescribeChangeSetResult>
    <ChangeSetId>arn:cs</ChangeSetId>
    <StackId>arn:stack</StackId>
    <Status>CREATE_COMPLETE</Status>
    <ExecutionStatus>AVAILABLE</ExecutionStatus>
    <Changes>
      <member><Type>Resource</Type><ResourceChange>
        <Action>Modify</Action>
        <LogicalResourceId>Function</LogicalResourceId>
        <PhysicalResourceId>app-fn</PhysicalResourceId>
        <ResourceType>AWS::Lambda::Function</ResourceType>
        <Replacement>False</Replacement>
        <Details>
          <member><Target><Attribute>Properties</Attribute><Name>Code</Name></Target></member>
          <member><Target><Attribute>Tags</Attribute></Target></member>
          <member><Target><Attribute>Properties</Attribute><Name>Code</Name></Target></member>
          <member><Target><Attribute>Properties</Attribute><Name>MemorySize</Name></Target></member>
        </Details>
      </ResourceChange></member>
      <member><Type>Resource</Type><ResourceChange>
        <Action>Add</Action>
        <LogicalResourceId>Table</LogicalResourceId>
        <ResourceType>AWS::DynamoDB::Table</ResourceType>
      </ResourceChange></member>
    </Changes>
    <NextToken>page-2</NextToken>
  </DescribeChangeSetResult>
</DescribeChangeSetResponse>)";
  auto page = parse_describe_change_set(xml);
  ChangeSet expected;
  expected.id = "arn:cs";
  expected.stack_id = "arn:stack";
  expected.status = "CREATE_COMPLETE";
  expected.execution_status = "AVAILABLE";
  expected.changes = {
      {"Modify",
       "Function",
       "app-fn",
       "AWS::Lambda::Function",
       "False",
       {"Code", "MemorySize"}},
      {"Add", "Table", "", "AWS::DynamoDB::Table", "", {}},
  };
  EXPECT_EQ(page.change_set.id, expected.id);
  EXPECT_EQ(page.change_set.stack_id, expected.stack_id);
  EXPECT_EQ(page.change_set.status, expected.status);
  EXPECT_EQ(page.change_set.execution_status, expected.execution_status);
  EXPECT_TRUE(page.change_set.changes == expected.changes);
  EXPECT_EQ(page.next_token, "page-2");
}

TEST(AwsCloudFormationXml, create_change_set_gives_both_ids)
{
  auto ids = parse_create_change_set(
      R"(<CreateChangeSetResponse><CreateChangeSetResult><Id>arn:cs</Id><StackId>arn:stack</StackId></CreateChangeSetResult></CreateChangeSetResponse>)");
  EXPECT_EQ(ids.id, "arn:cs");
  EXPECT_EQ(ids.stack_id, "arn:stack");
}

// A ListChangeSets answer: the change sets of the stack asked for, with
// their status and creation time (moto lists those of every stack).
TEST(AwsCloudFormationXml, list_change_sets_gives_those_of_the_stack)
{
  auto xml =
      R"(<ListChangeSetsResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <ListChangeSetsResult>
    <Summaries>
      <member>
        <ChangeSetId>arn:cs/slam-plan-1</ChangeSetId>
        <ChangeSetName>slam-plan-1</ChangeSetName>
        <StackId>arn:stack/app/1</StackId>
        <Status>CREATE_COMPLETE</Status>
        <CreationTime>2024-05-01T10:00:00.000Z</CreationTime>
      </member>
      <member>
        <ChangeSetId>arn:cs/other</ChangeSetId>
        <ChangeSetName>other</ChangeSetName>
        <StackId>arn:stack/other/2</StackId>
        <Status>CREATE_COMPLETE</Status>
      </member>
    </Summaries>
    <NextToken>page2</NextToken>
  </ListChangeSetsResult>
</ListChangeSetsResponse>)";
  auto page = parse_list_change_sets(xml, "arn:stack/app/1");
  ASSERT_EQ(page.summaries.size(), 1u);
  const auto& summary = page.summaries[0];
  EXPECT_EQ(summary.id, "arn:cs/slam-plan-1");
  EXPECT_EQ(summary.name, "slam-plan-1");
  EXPECT_EQ(summary.status, "CREATE_COMPLETE");
  EXPECT_EQ(summary.creation_time, at("2024-05-01T10:00:00.000Z"));
  EXPECT_EQ(page.next_token, "page2");
}
