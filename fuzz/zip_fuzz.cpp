// The zip writer: entries of any names and contents, compressed as a
// build does, assembled, then read back by an independent reader
// (zip_reader.cpp, with zlib) that must find every entry as it went in.
// The incremental layout (kept entries, then the rest) must give the
// same bytes as the whole archive.

#include "fuzz_input.hpp"
#include "slam/package/zip_entry.hpp"
#include "slam/package/zip_writer.hpp"
#include "zip_reader.hpp"

#include <algorithm>
#include <cstdlib>
#include <fuzzer/FuzzedDataProvider.h>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace slam::package;

void require(bool condition)
{
  if (!condition) {
    std::abort();
  }
}

// Return entries made of INPUT, and CONTENTS, what went into each.
std::vector<CompressedEntry> entries_of(FuzzedDataProvider& input,
                                        std::vector<std::string>& contents)
{
  std::vector<CompressedEntry> entries;
  auto count = input.ConsumeIntegralInRange<int>(0, 12);
  for (int i = 0; i < count; ++i) {
    auto name = input.ConsumeRandomLengthString(64);
    bool executable = input.ConsumeBool();
    auto content = input.ConsumeRandomLengthString(4096);
    entries.push_back(compress_entry(name, content, executable));
    contents.push_back(std::move(content));
  }
  return entries;
}

// The reader finds each entry, in name order, with its content and mode.
void check_read_back(const std::string& archive,
                     std::vector<CompressedEntry> entries,
                     const std::vector<std::string>& contents)
{
  auto read = slam::fuzz::read_zip(archive);
  require(read.size() == entries.size());
  for (std::size_t i = 0; i < read.size(); ++i) {
    auto sorted = std::find_if(entries.begin(), entries.end(), [&](auto& e) {
      return e.name == read[i].name;
    });
    require(sorted != entries.end());
    auto index = static_cast<std::size_t>(sorted - entries.begin());
    require(read[i].content == contents[index]);
    require(read[i].unix_mode == (sorted->executable ? 0100755u : 0100644u));
    require(i == 0 || read[i - 1].name < read[i].name);
  }
}

// Laying out the first KEPT entries as already written gives the rest of
// the same archive.
void check_kept_layout(const std::string& archive,
                       const std::vector<CompressedEntry>& entries,
                       std::size_t kept)
{
  auto sorted = sorted_by_name(entries);
  std::vector<ZipEntryHeader> headers;
  for (std::size_t i = 0; i < kept; ++i) {
    headers.push_back(header_of(sorted[i]));
  }
  std::vector<CompressedEntry> rest(sorted.begin() + kept, sorted.end());
  ZipArchive layout(std::move(headers), std::move(rest));
  require(layout.size() == archive.size());
  require(layout.bytes() == archive.substr(layout.start()));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size)
{
  FuzzedDataProvider input(data, size);
  std::vector<std::string> contents;
  auto entries = entries_of(input, contents);
  auto kept = input.ConsumeIntegralInRange<std::size_t>(0, entries.size());
  std::optional<std::string> archive;
  slam::fuzz::accept_or_reject([&] { archive = assemble_zip(entries); });
  if (archive) {
    check_read_back(*archive, entries, contents);
    check_kept_layout(*archive, entries, kept);
  }
  return 0;
}
