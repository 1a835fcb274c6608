// The parsers of AWS's XML answers (query protocol: CloudFormation and
// STS; S3's REST-XML; the error documents of both), and of the times
// they carry. Every parser reads every input: one corpus covers them all.

#include "fuzz_input.hpp"
#include "slam/aws/cloudformation_xml.hpp"
#include "slam/aws/error.hpp"
#include "slam/aws/s3_bucket_settings.hpp"
#include "slam/aws/s3_xml.hpp"
#include "slam/aws/sts.hpp"
#include "slam/aws/timestamp.hpp"

namespace {

using slam::fuzz::accept_or_reject;

void parse_cloudformation(std::string_view xml)
{
  namespace aws = slam::aws;
  accept_or_reject([&] { aws::parse_describe_stacks(xml); });
  accept_or_reject([&] { aws::parse_describe_stack_events(xml); });
  accept_or_reject([&] { aws::parse_describe_change_set(xml); });
  accept_or_reject([&] {
    aws::parse_list_change_sets(
        xml, "arn:aws:cloudformation:us-east-1:123456789012:stack/app/1");
  });
  accept_or_reject([&] { aws::parse_create_change_set(xml); });
  accept_or_reject(
      [&] { aws::parse_result_value(xml, "CreateStack", "StackId"); });
}

void parse_s3_and_sts(std::string_view xml)
{
  namespace aws = slam::aws;
  accept_or_reject([&] { aws::parse_list_objects(xml); });
  accept_or_reject([&] { aws::parse_tagging(xml); });
  accept_or_reject([&] { aws::blocks_all_public_access(xml); });
  accept_or_reject([&] { aws::enforces_bucket_owner(xml); });
  accept_or_reject([&] { aws::encrypts_by_default(xml); });
  accept_or_reject([&] { aws::parse_assume_role_response(xml, "fuzz"); });
}

void parse_errors_and_times(std::string_view text)
{
  namespace aws = slam::aws;
  for (long status : {400L, 503L}) {
    accept_or_reject([&] {
      aws::parse_error_response("cloudformation",
                                "CreateStack",
                                status,
                                {{"Content-Type", "text/xml"}},
                                text);
    });
  }
  aws::parse_iso8601(text);
  aws::parse_http_date(text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size)
{
  auto text = slam::fuzz::as_text(data, size);
  parse_cloudformation(text);
  parse_s3_and_sts(text);
  parse_errors_and_times(text);
  return 0;
}
