#include "slam/cli/cli.hpp"

namespace slam::cli {

int run(int /*argc*/, char** /*argv*/) { return 0; }

} // namespace slam::cli
