#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace slam::package {

// Which distribution installed a file.
struct DistributionName
{
  std::string name{};    // as in its .dist-info folder's name
  std::string version{}; // likewise

  bool operator==(const DistributionName&) const = default;
};

// Where the files of a dependency folder come from.
struct DependencyOrigins
{
  std::filesystem::path folder{};
  // The files each RECORD lists, as FOLDER / path, lexically normal, by
  // their native string: a build looks up every file, and comparing
  // std::filesystem::path keys (component by component) cost a rebuild
  // more than its stat()s.
  std::map<std::string, DistributionName> distributions{};

  // Return the distribution SOURCE belongs to, or nullptr.
  const DistributionName* find(const std::filesystem::path& source) const;
};

// Return the origins of the files in FOLDER, read from the RECORD of each
// *.dist-info folder directly in it (as pip --target leaves them). A missing or
// unreadable RECORD is skipped: its files are then named as the dependencies'.
DependencyOrigins dependency_origins(const std::filesystem::path& folder);

// Add to ORIGINS the files the RECORD of DIST_INFO lists, relative to
// FOLDER (the site-packages folder holding DIST_INFO).
void add_record_origins(const std::filesystem::path& folder,
                        const std::filesystem::path& dist_info,
                        DependencyOrigins& origins);

// Add to ORIGINS the files PATHS (relative to FOLDER, as a RECORD file
// lists them) of the distribution whose .dist-info folder is named
// DIST_INFO_NAME: for a list already read.
void add_listed_origins(const std::filesystem::path& folder,
                        const std::string& dist_info_name,
                        const std::vector<std::string>& paths,
                        DependencyOrigins& origins);

// Return the path field of a line of a RECORD file (CSV: path,hash,size).
std::string record_path(const std::string& line);

// Return whether PATH is relative and already normal ('/'-separated, no
// empty, "." or ".." segment): as lexically_normal() would leave it, so
// that joining it to a normal folder needs no normalising. Almost every
// RECORD line is: normalising each cost a rebuild more than its stat().
bool is_normal_relative(std::string_view path);

// Return FOLDER/PATH, PATH being relative, normalised.
std::filesystem::path joined_normal(const std::filesystem::path& folder,
                                    std::string_view path);

} // namespace slam::package
