// TODO: remove when the Lambda half of `slam serve` (the runtime API
// server and the worker pool, branch serve-lambda) lands: it defines
// LocalFunction::start. Until then the front door links and says why it
// cannot serve.
#include "slam/local/local_function.hpp"
#include "slam/util/error.hpp"

namespace slam::local {

std::unique_ptr<LocalFunction> LocalFunction::start(const config::Config&,
                                                    const LocalFunctionOptions&)
{
  throw Error("cannot start the local workers: the Lambda runtime of "
              "'slam serve' is not in this build yet");
}

} // namespace slam::local
