#pragma once

#include <cstdint>

// The record signatures and marks of PKWARE's APPNOTE.TXT that both Slam's
// zip writer and its reader (local/zip_reader) use.

namespace slam::package::zip_format {

constexpr std::uint32_t k_local_header_signature = 0x04034b50;
constexpr std::uint32_t k_central_header_signature = 0x02014b50;
constexpr std::uint32_t k_end_of_directory_signature = 0x06054b50;
constexpr std::uint32_t k_zip64_end_of_directory_signature = 0x06064b50;
constexpr std::uint32_t k_zip64_locator_signature = 0x07064b50;
constexpr std::uint16_t k_zip64_extra_id = 0x0001;
// 0xffffffff (0xffff for counts) in a field means "see the Zip64 record",
// so a value from there up goes in Zip64 (APPNOTE 4.4.1.4).
constexpr std::uint32_t k_see_zip64 = 0xffffffff;
constexpr std::uint16_t k_see_zip64_count = 0xffff;

} // namespace slam::package::zip_format
