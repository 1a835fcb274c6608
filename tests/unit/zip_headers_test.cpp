#include "slam/package/zip_headers.hpp"

#include <gtest/gtest.h>
#include <string>

using slam::package::local_header_size;
using slam::package::put_local_header;
using slam::package::ZipEntryHeader;
using slam::package::ZipMethod;

namespace {

std::size_t written_size(const ZipEntryHeader& header, std::uint64_t offset)
{
  std::string out;
  put_local_header(out, header, offset);
  return out.size();
}

} // namespace

// What a rebuild adds up to find entries must be what is written, with
// and without the Zip64 field, at any offset.
TEST(ZipHeaders, local_header_size_is_the_written_size)
{
  constexpr std::uint64_t k_4_gib = 4ull << 30;
  ZipEntryHeader small{"app/views.py", false, ZipMethod::deflated, 7, 100, 60};
  ZipEntryHeader big{
      "data/big.bin", true, ZipMethod::stored, 9, k_4_gib, k_4_gib};
  ZipEntryHeader shrunk{"x", false, ZipMethod::deflated, 1, k_4_gib, 1000};
  for (auto offset : {std::uint64_t{0}, std::uint64_t{12345}, k_4_gib + 1}) {
    for (const auto& header : {small, big, shrunk}) {
      EXPECT_EQ(local_header_size(header, offset), written_size(header, offset))
          << header.name << " at " << offset;
    }
  }
}
