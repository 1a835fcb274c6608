#include "source_dir.hpp"

namespace slam::test {

std::filesystem::path source_dir()
{
  return SLAM_SOURCE_DIR;
}

} // namespace slam::test
