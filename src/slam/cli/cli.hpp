#pragma once

namespace slam::cli {

// Parse the command line, run the command and return the exit status:
// 0 success, 1 failure, 2 usage or configuration error, 130 interrupted.
int run(int argc, char** argv);

} // namespace slam::cli
