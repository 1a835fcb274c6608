#pragma once

#include "slam/config/config.hpp"
#include "slam/local/invoker.hpp"

#include <memory>
#include <string>

namespace slam::local {

// What `slam serve` and `slam invoke --local` ask of the local function.
struct LocalFunctionOptions
{
  std::string stage;  // its environment is the workers' (after the global one)
  int workers = 0;    // worker processes; 0: the number of cores
  std::string python; // interpreter; empty: the runtime's python3.X, else
                      // python3 with a warning
};

// The built package, extracted, run by a pool of Python workers that speak
// the Lambda runtime API to slam.
class LocalFunction : public Invoker
{
public:
  // Build the package (incrementally, as `slam build`), extract it and
  // start the workers. Throw slam::Error with a clear message when any step
  // fails.
  static std::unique_ptr<LocalFunction>
  start(const config::Config& config, const LocalFunctionOptions& options);

  // Rebuild the package with CONFIG and replace every worker: invocations
  // in flight finish on the old workers, later ones go to new workers.
  // Throw slam::Error when the build fails (the old workers keep serving).
  virtual void reload(const config::Config& config) = 0;
};

} // namespace slam::local
