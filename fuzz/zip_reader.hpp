#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace slam::fuzz {

// One file as a zip archive's central directory and local header say,
// with its content inflated.
struct ReadEntry
{
  std::string name;
  std::uint32_t unix_mode = 0;
  std::string content;
};

// Return the entries of ARCHIVE, read without any of Slam's zip code
// (zlib inflates), in the central directory's order; abort() on anything
// a zip reader would refuse: a missing or inconsistent record, a local
// header that disagrees with the central one, a wrong CRC or size.
std::vector<ReadEntry> read_zip(std::string_view archive);

} // namespace slam::fuzz
