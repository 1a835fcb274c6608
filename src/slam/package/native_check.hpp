#pragma once

#include "slam/package/dependency_origins.hpp"
#include "slam/package/native_file.hpp"
#include "slam/package/project_files.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slam::package {

// The Lambda platform native files must load on.
struct NativeTarget
{
  std::string runtime{};      // "python3.12"
  std::string architecture{}; // "x86_64" or "arm64"
};

// Return true for a package path named like native code, in any case: a
// name ending in .so, .so.N[.M...], .pyd or .dylib.
bool is_native_path(std::string_view path);

// Return the newest glibc the Lambda RUNTIME provides; nullopt for a
// runtime Slam does not know, whose glibc is then not checked.
std::optional<GlibcVersion> runtime_glibc(const std::string& runtime);

// Return why FILE cannot load on TARGET ("is an ELF file for AArch64, but
// the x86_64 architecture needs x86-64"), or "" when it can.
std::string native_problem(const NativeFile& file, const NativeTarget& target);

// Throw slam::Error listing every native file of FILES (named so, see
// is_native_path, or starting with the ELF magic) that cannot load on
// TARGET, or that is no valid ELF file, with what to do. Each is named with its
// distribution from ORIGINS, or as the project's when its source is outside
// ORIGINS.folder.
void check_native_files(const std::vector<PackageFile>& files,
                        const DependencyOrigins& origins,
                        const NativeTarget& target);

// Check FILES as above, where ELF[i] says whether FILES[i] starts with the
// ELF magic (learnt by the build while packing), so that only the native
// files are opened.
void check_native_files(const std::vector<PackageFile>& files,
                        const std::vector<bool>& elf,
                        const DependencyOrigins& origins,
                        const NativeTarget& target);

} // namespace slam::package
