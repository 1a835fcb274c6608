#include "slam/local/package_folder.hpp"

#include "slam/local/zip_reader.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <fmt/core.h>
#include <fstream>
#include <unistd.h>
#include <vector>

namespace slam::local {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_partial_suffix = ".partial";

// Return NAME (a member's) as a path under its root, or throw when it is
// absolute or climbs out ("..", empty and "." components).
fs::path safe_relative_path(const std::string& name)
{
  auto fail = [&] {
    throw Error(fmt::format("zip member '{}' would land outside the folder "
                            "it is extracted into",
                            name));
  };
  if (name.empty() || name.front() == '/' ||
      name.find('\\') != std::string::npos ||
      name.find('\0') != std::string::npos) {
    fail();
  }
  fs::path path;
  std::size_t start = 0;
  while (start < name.size()) {
    auto end = std::min(name.find('/', start), name.size());
    auto part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") {
      fail();
    }
    path /= part;
    start = end + 1;
  }
  return path;
}

void write_member(const fs::path& path,
                  const std::string& content,
                  bool executable)
{
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) {
    throw Error(fmt::format("cannot write '{}'", path.string()));
  }
  if (executable) {
    fs::permissions(path,
                    fs::perms::owner_exec | fs::perms::group_exec |
                        fs::perms::others_exec,
                    fs::perm_options::add);
  }
}

// Remove the package folders of FOLDERS other than KEEP and the newest of
// the rest, and partial extractions that no process is writing any more.
void prune_folders(const fs::path& folders, const fs::path& keep)
{
  std::vector<fs::directory_entry> others;
  for (const auto& entry : fs::directory_iterator(folders)) {
    auto name = entry.path().filename().string();
    if (entry.path() == keep || !entry.is_directory()) {
      continue;
    }
    if (name.ends_with(k_partial_suffix)) {
      // NAME is .<sha256>.<pid>.partial: the pid of the extracting slam.
      auto pid = std::atol(name.substr(name.find('.', 1) + 1).c_str());
      if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0) {
        continue;
      }
      fs::remove_all(entry.path());
      continue;
    }
    others.push_back(entry);
  }
  std::sort(others.begin(), others.end(), [](const auto& a, const auto& b) {
    return a.last_write_time() > b.last_write_time();
  });
  for (std::size_t i = 1; i < others.size(); ++i) {
    std::error_code ignored; // another slam may be pruning too
    fs::remove_all(others[i].path(), ignored);
  }
}

} // namespace

void extract_zip(std::string_view archive, const fs::path& target)
{
  for (const auto& member : read_zip_directory(archive)) {
    auto path = target / safe_relative_path(member.name);
    if (member.name.back() == '/') {
      fs::create_directories(path);
      continue;
    }
    fs::create_directories(path.parent_path());
    write_member(path, read_zip_member(archive, member), member.executable());
  }
}

fs::path extract_package(const fs::path& zip,
                         const std::string& sha256,
                         const fs::path& folders)
{
  auto folder = folders / sha256;
  fs::create_directories(folders);
  if (!fs::exists(folder)) {
    auto partial =
        folders / fmt::format(".{}.{}{}", sha256, ::getpid(), k_partial_suffix);
    fs::remove_all(partial);
    fs::create_directory(partial);
    try {
      extract_zip(util::read_file(zip), partial);
    } catch (...) {
      fs::remove_all(partial);
      throw;
    }
    std::error_code raced; // another slam renamed the same content first
    fs::rename(partial, folder, raced);
    if (raced) {
      fs::remove_all(partial);
    }
  }
  // Touched, so that the newest folder is the one in use.
  fs::last_write_time(folder, fs::file_time_type::clock::now());
  prune_folders(folders, folder);
  return folder;
}

} // namespace slam::local
