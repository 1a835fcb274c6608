#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace slam::package {

// Lambda's quota on a function's code, unzipped and including layers: the
// quota page says "250 MB" but gives 262,144,000 bytes, which is 250 MiB.
inline constexpr std::uint64_t k_lambda_unzipped_limit = 262'144'000;

// One file of the package and its sizes.
struct SizedFile
{
  std::string path{};         // inside the package, '/'-separated
  std::string distribution{}; // "name version", empty when none brought it
  std::uint64_t unzipped = 0;
  std::uint64_t zipped = 0; // compressed bytes, without zip headers

  bool operator==(const SizedFile&) const = default;
};

// The files of one distribution or one top-level folder, summed.
struct SizeGroup
{
  std::string name{};
  std::size_t files = 0;
  std::uint64_t unzipped = 0;
  std::uint64_t zipped = 0;

  bool operator==(const SizeGroup&) const = default;
};

// Where the bytes of a package go, largest groups first.
struct SizeReport
{
  std::vector<SizeGroup> distributions{};
  // Files no distribution brought, by their first path segment ("app/");
  // files at the root count as "(top level)".
  std::vector<SizeGroup> folders{};
  std::uint64_t unzipped = 0;
  std::uint64_t zipped = 0;
  // False before compression: the zipped sizes are not known (all 0) and
  // not shown.
  bool zipped_known = true;

  bool operator==(const SizeReport&) const = default;
};

// Return the report of FILES: groups sorted by unzipped size, largest
// first, then by name.
SizeReport size_report(const std::vector<SizedFile>& files);

// Return BYTES in binary units, labelled as such: "512 B", "3.4 KiB",
// "12.3 MiB", "1.2 GiB" (Lambda's 250 MB quota is 250 MiB).
std::string human_size(std::uint64_t bytes);

// Return the largest LIMIT groups of each kind of REPORT as lines of a
// table (unzipped, zipped when known, files, name), each line ending in
// '\n'.
std::string format_size_report(const SizeReport& report, std::size_t limit);

// Return the error text for REPORT when its unzipped size is over LIMIT
// bytes (how far over, the largest groups and what to do), or an empty
// string when it fits.
std::string size_limit_error(const SizeReport& report, std::uint64_t limit);

} // namespace slam::package
