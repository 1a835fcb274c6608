// The ignore-pattern matcher: .slamignore files (gitignore syntax) and
// package.exclude globs, then paths checked against them.

#include "fuzz_input.hpp"
#include "slam/package/glob.hpp"
#include "slam/package/ignore_rules.hpp"

#include <cstdlib>
#include <fuzzer/FuzzedDataProvider.h>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace slam::package;

// An origin is named exactly when a pattern decides: the two answers of
// the rules agree.
void check_verdict(const IgnoreRules& rules, const std::string& path)
{
  for (bool is_folder : {false, true}) {
    bool unmatched = rules.check(path, is_folder) == IgnoreVerdict::unmatched;
    if (unmatched != rules.origin(path, is_folder).empty()) {
      std::abort();
    }
  }
}

// A pattern without wildcards, brackets or escapes matches itself.
void check_literal(const std::string& pattern)
{
  if (pattern.find_first_of("*?[\\") == std::string::npos &&
      !glob_match(pattern, pattern)) {
    std::abort();
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size)
{
  FuzzedDataProvider input(data, size);
  auto rules_text = input.ConsumeRandomLengthString(2000);
  auto glob_text = input.ConsumeRandomLengthString(200);
  std::vector<std::string> paths;
  while (input.remaining_bytes() > 0 && paths.size() < 16) {
    paths.push_back(input.ConsumeRandomLengthString(200));
  }
  std::optional<IgnoreRules> rules;
  slam::fuzz::accept_or_reject(
      [&] { rules = IgnoreRules::parse(rules_text, ".slamignore"); });
  std::optional<Glob> glob;
  slam::fuzz::accept_or_reject([&] { glob.emplace(glob_text); });
  check_literal(glob_text);
  for (const auto& path : paths) {
    if (rules) {
      check_verdict(*rules, path);
    }
    if (glob) {
      glob->matches(path, false);
      glob->matches(path, true);
    }
  }
  return 0;
}
