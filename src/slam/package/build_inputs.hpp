#pragma once

#include "slam/package/file_stamp.hpp"

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

// What a build read to decide which files go into the package, besides
// the files themselves: the folders it listed, and the files that shape
// the list (.slamignore, the requirements, what the python environment's
// answer came from). A build snapshot (build_snapshot.hpp) keeps them with
// their stamps, so that the next build can tell without listing or asking
// anything again that the package would hold the same files.

namespace slam::package {

// A file that decides the list as a whole: any other stamp, a new list.
struct ExactInput
{
  std::string path;
  FileStamp stamp;

  bool operator==(const ExactInput&) const = default;
};

// A folder whose entries were listed: a folder whose stamp moved still
// gives the same list while it holds the same names (an editor that saves
// by renaming a new file over the old one moves it).
struct ListedFolder
{
  std::string path;
  FileStamp stamp;
  std::string names; // folder_names() when it was listed

  bool operator==(const ListedFolder&) const = default;
};

// The inputs a build recorded while it ran.
class BuildInputs
{
public:
  void add_exact(const std::filesystem::path& path, const FileStamp& stamp);
  void add_folder(const std::filesystem::path& path, const FileStamp& stamp);
  // This build's list cannot be told again from its inputs (an answer
  // taken while its sources were changing, say): no snapshot is saved.
  void distrust(std::string reason);

  std::vector<ExactInput> exact() const;
  std::vector<ListedFolder> folders() const;
  const std::string& distrusted() const { return m_distrusted; }

private:
  mutable std::mutex m_mutex;
  std::vector<ExactInput> m_exact;
  std::vector<ListedFolder> m_folders;
  std::string m_distrusted; // why, the first reason; empty when trusted
};

// Record the inputs of this process's build into INPUTS while alive.
class InputRecording
{
public:
  explicit InputRecording(BuildInputs& inputs);
  ~InputRecording();
  InputRecording(const InputRecording&) = delete;
  InputRecording& operator=(const InputRecording&) = delete;
};

// Record, when a recording is on, that the build read PATH, whose stamp
// was STAMP (stamp_of() of it when not given).
void record_exact_input(const std::filesystem::path& path,
                        const FileStamp& stamp);
void record_exact_input(const std::filesystem::path& path);

// Record, when a recording is on, that the build is about to list FOLDER.
void record_listed_folder(const std::filesystem::path& folder);

// Record, when a recording is on, that the inputs cannot be trusted.
void distrust_inputs(std::string reason);

// Return what identifies the entries of FOLDER as a listing sees them:
// each name, its type, and a symlink's target, in name order; empty when
// it cannot be listed.
std::string folder_names(const std::filesystem::path& folder);

} // namespace slam::package
