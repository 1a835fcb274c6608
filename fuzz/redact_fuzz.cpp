// Redaction of secrets from what Slam shows: whatever text an endpoint
// sends back, no secret of the request may survive it.

#include "fuzz_input.hpp"
#include "slam/aws/credentials.hpp"
#include "slam/aws/redact.hpp"

#include <cstdlib>
#include <fuzzer/FuzzedDataProvider.h>
#include <string>

namespace {

// Whether SECRET cannot occur in a redacted text but where it was left
// unredacted: too long to fit in the "[redacted]" marker's letters, and
// without its brackets, so that no occurrence can span a marker.
bool is_checkable(const std::string& secret)
{
  return secret.size() > 8 && secret.find_first_of("[]") == std::string::npos;
}

void check_gone(const std::string& redacted, const std::string& secret)
{
  if (is_checkable(secret) && redacted.find(secret) != std::string::npos) {
    std::abort();
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size)
{
  FuzzedDataProvider input(data, size);
  slam::aws::Credentials credentials;
  credentials.access_key_id = input.ConsumeRandomLengthString(40);
  credentials.secret_access_key = input.ConsumeRandomLengthString(60);
  credentials.session_token = input.ConsumeRandomLengthString(200);
  auto text = input.ConsumeRemainingBytesAsString();

  auto redacted = slam::aws::redact_secrets(text, credentials);
  check_gone(redacted, credentials.access_key_id);
  check_gone(redacted, credentials.secret_access_key);
  check_gone(redacted, credentials.session_token);

  auto values = slam::aws::redact_values(
      text, {credentials.secret_access_key, credentials.session_token});
  check_gone(values, credentials.secret_access_key);
  check_gone(values, credentials.session_token);
  return 0;
}
