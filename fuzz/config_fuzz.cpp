// The config loader: slam.yaml as users write it, and get wrong.

#include "fuzz_input.hpp"
#include "slam/config/load.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size)
{
  std::string text(slam::fuzz::as_text(data, size));
  slam::fuzz::accept_or_reject([&] {
    // A folder that does not exist: the checks that look at project
    // files find nothing, and nothing is written.
    slam::config::parse_config(text, "slam.yaml", "/nonexistent/project");
  });
  return 0;
}
