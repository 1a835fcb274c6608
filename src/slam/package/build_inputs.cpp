#include "slam/package/build_inputs.hpp"

#include "slam/util/hash.hpp"

#include <algorithm>
#include <atomic>
#include <dirent.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

std::atomic<BuildInputs*> g_recording{nullptr};

// Return the target of the symlink NAME in the open folder FD.
std::string link_target(int fd, const char* name)
{
  char target[4096];
  auto size = ::readlinkat(fd, name, target, sizeof target);
  return size < 0 ? std::string() : std::string(target, size);
}

} // namespace

void BuildInputs::add_exact(const fs::path& path, const FileStamp& stamp)
{
  auto absolute = fs::absolute(path).string();
  std::lock_guard lock(m_mutex);
  m_exact.push_back({std::move(absolute), stamp});
}

void BuildInputs::add_folder(const fs::path& path, const FileStamp& stamp)
{
  auto names = folder_names(path);
  auto absolute = fs::absolute(path).string();
  std::lock_guard lock(m_mutex);
  m_folders.push_back({std::move(absolute), stamp, std::move(names)});
}

void BuildInputs::distrust(std::string reason)
{
  std::lock_guard lock(m_mutex);
  if (m_distrusted.empty()) {
    m_distrusted = std::move(reason);
  }
}

std::vector<ExactInput> BuildInputs::exact() const
{
  std::lock_guard lock(m_mutex);
  return m_exact;
}

std::vector<ListedFolder> BuildInputs::folders() const
{
  std::lock_guard lock(m_mutex);
  return m_folders;
}

InputRecording::InputRecording(BuildInputs& inputs)
{
  g_recording = &inputs;
}

InputRecording::~InputRecording()
{
  g_recording = nullptr;
}

void record_exact_input(const fs::path& path, const FileStamp& stamp)
{
  if (auto* inputs = g_recording.load()) {
    inputs->add_exact(path, stamp);
  }
}

void record_exact_input(const fs::path& path)
{
  if (auto* inputs = g_recording.load()) {
    inputs->add_exact(path, stamp_of(path));
  }
}

void record_listed_folder(const fs::path& folder)
{
  if (auto* inputs = g_recording.load()) {
    // Stamped before listed: a change while listing moves the stamp.
    inputs->add_folder(folder, stamp_of(folder));
  }
}

void distrust_inputs(std::string reason)
{
  if (auto* inputs = g_recording.load()) {
    inputs->distrust(std::move(reason));
  }
}

std::string folder_names(const fs::path& folder)
{
  auto* dir = ::opendir(folder.c_str());
  if (!dir) {
    return {};
  }
  std::vector<std::string> entries;
  while (auto* entry = ::readdir(dir)) {
    std::string_view name(entry->d_name);
    if (name == "." || name == "..") {
      continue;
    }
    std::string line(name);
    line += '\0';
    line += static_cast<char>(entry->d_type);
    if (entry->d_type == DT_LNK || entry->d_type == DT_UNKNOWN) {
      line += link_target(::dirfd(dir), entry->d_name);
    }
    entries.push_back(std::move(line));
  }
  ::closedir(dir);
  std::sort(entries.begin(), entries.end());
  std::string all;
  for (const auto& line : entries) {
    all += line;
    all += '\n';
  }
  return util::sha256_hex(all);
}

} // namespace slam::package
