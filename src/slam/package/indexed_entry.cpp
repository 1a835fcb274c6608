#include "slam/package/indexed_entry.hpp"

#include "slam/package/entry_cache.hpp"
#include "slam/package/stat_index.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/core.h>

namespace slam::package {
namespace {

// A file's content and its stamp taken before reading it: a change while
// reading leaves a stamp that the next build does not match.
struct StampedContent
{
  std::string content;
  FileStamp stamp;
};

StampedContent read_stamped(const std::filesystem::path& path)
{
  util::ReadOnlyFile file(path);
  if (file.fd() < 0) {
    throw Error(fmt::format(
        "cannot read '{}': {}", path.string(), std::strerror(errno)));
  }
  auto stamp = stamp_of(file.fd());
  return {util::read_rest(file.fd(), path, stamp.size), stamp};
}

} // namespace

MadeEntry make_indexed_entry(const EntrySource& source,
                             EntryCache& cache,
                             StatIndex& index)
{
  if (auto id = index.find(source.file, stamp_of(source.file))) {
    if (auto entry = cache.find(*id, source.name, source.executable)) {
      return {std::move(*entry), false};
    }
  }
  auto [content, stamp] = read_stamped(source.file);
  auto id = content_id(content);
  index.record(source.file, stamp, id);
  if (auto entry = cache.find(id, source.name, source.executable)) {
    return {std::move(*entry), false};
  }
  MadeEntry made{compress_entry(source.name, content, source.executable), true};
  cache.store(id, made.entry);
  return made;
}

} // namespace slam::package
