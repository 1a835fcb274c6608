#include "slam/aws/error.hpp"

#include <gtest/gtest.h>

using namespace slam::aws;

namespace {

// The parts of an error, for whole comparisons.
struct Parts
{
  std::string what;
  std::string code;
  std::string message;
  long status;
  bool operator==(const Parts&) const = default;
};

void PrintTo(const Parts& parts, std::ostream* out)
{
  *out << "{" << parts.what << " | " << parts.code << " | " << parts.message
       << " | " << parts.status << "}";
}

Parts parse(std::string_view service,
            std::string_view operation,
            long status,
            const Headers& headers,
            std::string_view body)
{
  auto error = parse_error_response(service, operation, status, headers, body);
  return {error.what(), error.code(), error.message(), error.http_status()};
}

} // namespace

// CloudFormation and STS (query protocol) wrap the error in ErrorResponse.
TEST(AwsError, query_protocol_xml_error)
{
  auto body =
      R"(<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <Error>
    <Type>Sender</Type>
    <Code>ValidationError</Code>
    <Message>Stack with id app does not exist</Message>
  </Error>
  <RequestId>4af1-2a</RequestId>
</ErrorResponse>)";
  EXPECT_EQ(parse("cloudformation", "DescribeStacks", 400, {}, body),
            (Parts{"cloudformation DescribeStacks: ValidationError: Stack "
                   "with id app does not exist",
                   "ValidationError",
                   "Stack with id app does not exist",
                   400}));
}

// S3 puts Error at the root.
TEST(AwsError, s3_xml_error)
{
  auto body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<Error><Code>NoSuchBucket</Code><Message>The specified bucket "
              "does not exist</Message><BucketName>b</BucketName></Error>";
  EXPECT_EQ(parse("s3", "ListObjectsV2", 404, {}, body),
            (Parts{"s3 ListObjectsV2: NoSuchBucket: The specified bucket "
                   "does not exist",
                   "NoSuchBucket",
                   "The specified bucket does not exist",
                   404}));
}

// Lambda (REST-JSON) names the error in x-amzn-ErrorType, which may carry
// a URL suffix, and the message in the body.
TEST(AwsError, rest_json_error_from_header_and_body)
{
  Headers headers = {
      {"X-Amzn-ErrorType",
       "ResourceNotFoundException:http://internal.amazon.com/coral/"}};
  auto body = R"({"Type": "User", "Message": "Function not found: x"})";
  EXPECT_EQ(parse("lambda", "GetFunction", 404, headers, body),
            (Parts{"lambda GetFunction: ResourceNotFoundException: Function "
                   "not found: x",
                   "ResourceNotFoundException",
                   "Function not found: x",
                   404}));
}

// JSON bodies name the error in __type, sometimes with a namespace.
TEST(AwsError, json_error_with_namespaced_type)
{
  auto body = R"({"__type": "com.amazonaws.logs#ThrottlingException",
                  "message": "Rate exceeded"})";
  EXPECT_EQ(parse("logs", "FilterLogEvents", 400, {}, body),
            (Parts{"logs FilterLogEvents: ThrottlingException: Rate exceeded",
                   "ThrottlingException",
                   "Rate exceeded",
                   400}));
}

// moto answers some query-protocol calls with a JSON body.
TEST(AwsError, moto_json_body_to_query_call)
{
  auto body = R"({"__type": "InvalidParameterValueException", "message": )"
              R"("Error occurred while GetObject. S3 Error Code: )"
              R"(NoSuchBucket."})";
  EXPECT_EQ(parse("cloudformation", "CreateStack", 400, {}, body).what,
            "cloudformation CreateStack: InvalidParameterValueException: "
            "Error occurred while GetObject. S3 Error Code: NoSuchBucket.");
}

// moto's HTML 500 page becomes its first line of text.
TEST(AwsError, html_page_gives_its_first_line_of_text)
{
  auto body = "<!doctype html>\n<html lang=en>\n"
              "<title>500 Internal Server Error</title>\n"
              "<h1>Internal Server Error</h1>\n"
              "<p>The server encountered an internal error.</p>\n";
  EXPECT_EQ(parse("cloudformation", "CreateStack", 500, {}, body),
            (Parts{"cloudformation CreateStack: HTTP 500: 500 Internal "
                   "Server Error",
                   "HTTP 500",
                   "500 Internal Server Error",
                   500}));
}

// Plain text gives its first non-empty line, trimmed.
TEST(AwsError, plain_text_gives_its_first_line)
{
  EXPECT_EQ(parse("sts",
                  "GetCallerIdentity",
                  502,
                  {},
                  "\n  Bad gateway  \n"
                  "upstream reset\n")
                .what,
            "sts GetCallerIdentity: HTTP 502: Bad gateway");
}

// A HEAD answer has no body: the status says it all.
TEST(AwsError, empty_body_uses_the_status)
{
  EXPECT_EQ(
      parse("s3", "HeadObject", 404, {}, ""),
      (Parts{
          "s3 HeadObject: HTTP 404: Not Found", "HTTP 404", "Not Found", 404}));
  EXPECT_EQ(parse("s3", "HeadObject", 418, {}, "").what,
            "s3 HeadObject: HTTP 418");
}

// The server's text reaches the user's terminal: its control characters
// are shown, not acted on, and a very long message is cut.
TEST(AwsError, server_text_is_escaped_and_capped)
{
  auto escaped = parse(
      "lambda",
      "Invoke",
      400,
      {},
      R"({"__type": "Bad\u001b[2J", "message": "red \u001b[31mx\u0007"})");
  EXPECT_EQ(escaped.code, "Bad\\x1b[2J");
  EXPECT_EQ(escaped.message, "red \\x1b[31mx\\x07");

  auto text = std::string(5000, 'm');
  auto capped = parse("lambda",
                      "Invoke",
                      400,
                      {},
                      R"({"__type": "Big", "message": ")" + text + "\"}");
  EXPECT_EQ(capped.message, std::string(2000, 'm') + "... (3000 more bytes)");
}
