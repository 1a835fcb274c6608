#include "slam/package/environment_prefetch.hpp"

#include "slam/util/error.hpp"

namespace fs = std::filesystem;

namespace slam::package {
namespace {

// Larger files are left to the build itself, which need not hold them
// whole in memory.
constexpr std::uintmax_t k_prefetch_file_limit = 32u << 20;

bool worth_prefetching(const fs::directory_entry& entry)
{
  std::error_code error;
  return entry.is_regular_file(error) && entry.path().extension() != ".pyc" &&
         entry.file_size(error) <= k_prefetch_file_limit && !error;
}

} // namespace

EnvironmentPrefetch::EnvironmentPrefetch(std::vector<fs::path> folders)
    : m_thread([this, folders = std::move(folders)](std::stop_token stop) {
        run(stop, folders);
      })
{
}

EnvironmentPrefetch::~EnvironmentPrefetch()
{
  stop();
  wait();
}

void EnvironmentPrefetch::stop()
{
  m_thread.request_stop();
}

std::pair<std::size_t, std::size_t> EnvironmentPrefetch::counts()
{
  std::lock_guard lock(m_mutex);
  return {m_made, m_taken};
}

void EnvironmentPrefetch::wait()
{
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

std::optional<PrefetchedEntry> EnvironmentPrefetch::take(const fs::path& path,
                                                         const FileStamp& stamp)
{
  std::lock_guard lock(m_mutex);
  auto found = m_entries.find(path.native());
  if (found == m_entries.end() || found->second.stamp != stamp) {
    return std::nullopt;
  }
  auto entry = std::move(found->second);
  m_entries.erase(found);
  m_taken += 1;
  return entry;
}

void EnvironmentPrefetch::run(const std::stop_token& stop,
                              const std::vector<fs::path>& folders)
{
  for (const auto& folder : folders) {
    std::error_code error;
    fs::recursive_directory_iterator it(folder, error), end;
    for (; !error && it != end && !stop.stop_requested(); it.increment(error)) {
      if (it->path().filename() == "__pycache__") {
        it.disable_recursion_pending();
      } else if (worth_prefetching(*it)) {
        compress(it->path());
      }
    }
  }
}

void EnvironmentPrefetch::compress(const fs::path& path)
{
  // Only a head start: a file that cannot be read now is read again, and
  // its error reported, when the package takes it.
  try {
    auto [content, stamp] = read_stamped(path);
    PrefetchedEntry prefetched{
        stamp, content_id(content), compress_entry({}, content, false)};
    std::lock_guard lock(m_mutex);
    m_entries.insert_or_assign(path.native(), std::move(prefetched));
    m_made += 1;
  } catch (const Error&) { // NOLINT(bugprone-empty-catch): see above
  }
}

std::vector<fs::path> virtualenv_site_packages(const fs::path& interpreter)
{
  auto root = interpreter.parent_path().parent_path();
  std::error_code error;
  std::vector<fs::path> folders;
  if (!fs::is_regular_file(root / "pyvenv.cfg", error)) {
    return folders;
  }
  for (fs::directory_iterator it(root / "lib", error), end; !error && it != end;
       it.increment(error)) {
    auto site = it->path() / "site-packages";
    if (it->path().filename().string().starts_with("python") &&
        fs::is_directory(site, error)) {
      folders.push_back(site);
    }
  }
  return folders;
}

} // namespace slam::package
