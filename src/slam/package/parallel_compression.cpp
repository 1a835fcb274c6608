#include "slam/package/parallel_compression.hpp"

#include "slam/package/entry_cache.hpp"
#include "slam/package/indexed_entry.hpp"
#include "slam/util/files.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <numeric>
#include <thread>

namespace slam::package {
namespace {

// One source's entry and whether it had to be compressed.
struct Outcome
{
  CompressedEntry entry;
  bool compressed = false;
  ContentId id;
  std::exception_ptr error;
};

// Return the content of SOURCE, checking that a file did not change
// while it was read.
std::string read_source(const EntrySource& source)
{
  if (source.content) {
    return *source.content;
  }
  auto content = util::read_file(source.file);
  if (source.stamp) {
    check_unchanged(source.file, *source.stamp);
  }
  return content;
}

Outcome make_entry(const EntrySource& source,
                   EntryCache* cache,
                   StatIndex* index,
                   EnvironmentPrefetch* prefetch)
{
  if (cache && index && !source.content) {
    auto made = make_indexed_entry(source, *cache, *index, prefetch);
    return {std::move(made.entry), made.compressed, std::move(made.id), {}};
  }
  auto content = read_source(source);
  Outcome outcome;
  outcome.id = content_id(content);
  if (cache) {
    if (auto entry = cache->find(outcome.id, source.name, source.executable)) {
      outcome.entry = std::move(*entry);
      return outcome;
    }
  }
  outcome.entry = compress_entry(source.name, content, source.executable);
  outcome.compressed = true;
  if (cache) {
    cache->store(outcome.id, outcome.entry);
  }
  return outcome;
}

} // namespace

unsigned compression_threads()
{
  return std::max(1u, std::thread::hardware_concurrency());
}

CompressedEntries compress_sources(const std::vector<EntrySource>& sources,
                                   EntryCache* cache,
                                   unsigned threads,
                                   const EntryDone& done,
                                   StatIndex* index,
                                   EnvironmentPrefetch* prefetch)
{
  std::vector<std::size_t> all(sources.size());
  std::iota(all.begin(), all.end(), std::size_t{0});
  return compress_sources_at(
      sources, all, cache, threads, done, index, prefetch);
}

CompressedEntries compress_sources_at(const std::vector<EntrySource>& sources,
                                      const std::vector<std::size_t>& indexes,
                                      EntryCache* cache,
                                      unsigned threads,
                                      const EntryDone& done,
                                      StatIndex* index,
                                      EnvironmentPrefetch* prefetch)
{
  // Each thread takes the next source and fills that source's slot, so
  // the order of the results never depends on the scheduling.
  std::vector<Outcome> outcomes(indexes.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  auto work = [&] {
    for (auto i = next++; i < indexes.size() && !failed; i = next++) {
      try {
        outcomes[i] = make_entry(sources[indexes[i]], cache, index, prefetch);
        if (done) {
          done(outcomes[i].entry.size);
        }
      } catch (...) {
        outcomes[i].error = std::current_exception();
        failed = true;
      }
    }
  };
  {
    // No more threads than sources: a rebuild of one file made a thread
    // per core for nothing.
    auto count = std::min<std::size_t>(std::max(1u, threads), indexes.size());
    std::vector<std::jthread> pool;
    for (std::size_t i = 1; i < count; ++i) {
      pool.emplace_back(work);
    }
    work();
  }

  CompressedEntries result;
  result.entries.reserve(indexes.size());
  result.elf.reserve(indexes.size());
  result.ids.reserve(indexes.size());
  for (auto& outcome : outcomes) {
    if (outcome.error) {
      std::rethrow_exception(outcome.error);
    }
    (outcome.compressed ? result.compressed : result.cached) += 1;
    result.entries.push_back(std::move(outcome.entry));
    result.elf.push_back(outcome.id.elf);
    result.ids.push_back(std::move(outcome.id));
  }
  return result;
}

} // namespace slam::package
