#include "slam/package/native_check.hpp"

#include "slam/config/lambda_runtimes.hpp"
#include "slam/package/python_runtime.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"
#include "slam/util/log.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <fstream>

namespace fs = std::filesystem;

namespace slam::package {
namespace {

// The glibc of each Amazon Linux under Lambda's runtimes, from AWS's
// "Lambda runtimes" page
// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).
constexpr GlibcVersion k_amazon_linux_2{2, 26};
constexpr GlibcVersion k_amazon_linux_2023{2, 34};

// The machine Lambda's ARCHITECTURE runs, as an ELF e_machine.
std::uint16_t elf_machine_of(const std::string& architecture)
{
  return machine_of(architecture) == "aarch64" ? k_elf_machine_aarch64
                                               : k_elf_machine_x86_64;
}

// Return "the project's", "of the distribution 'numpy 2.1.0'"...
std::string origin_text(const PackageFile& file,
                        const DependencyOrigins& origins)
{
  if (const auto* distribution = origins.find(file.source)) {
    return fmt::format("of the distribution '{} {}'",
                       distribution->name,
                       distribution->version);
  }
  auto relative =
      file.source.lexically_normal().lexically_relative(origins.folder);
  if (!relative.empty() && *relative.begin() != "..") {
    return "of the dependencies";
  }
  return "of the project";
}

// Return what to do about FILE, which is not loadable for the reason
// given by GLIBC_TOO_NEW.
std::string advice(const PackageFile& file,
                   const DependencyOrigins& origins,
                   const NativeTarget& target,
                   bool glibc_too_new)
{
  const auto* distribution = origins.find(file.source);
  auto glibc = runtime_glibc(target.runtime);
  if (distribution == nullptr) {
    return fmt::format(
        "rebuild it for Linux {}{}, or exclude it with package.exclude",
        target.architecture,
        glibc ? " with glibc " + glibc->text() + " or older" : "");
  }
  if (glibc_too_new && glibc) {
    return fmt::format("pin a version of '{}' whose wheel needs glibc {} or "
                       "older (manylinux_2_{} or lower)",
                       distribution->name,
                       glibc->text(),
                       glibc->minor);
  }
  return fmt::format("pin a version of '{}' that has a Linux {} wheel, or "
                     "set aws.lambda_architecture to the architecture it "
                     "was built for",
                     distribution->name,
                     target.architecture);
}

// Return true when the file at SOURCE starts with the ELF magic: an
// executable or library Lambda would load or run, whatever its name.
bool starts_like_elf(const fs::path& source)
{
  std::ifstream in(source, std::ios::binary);
  std::string head(k_elf_magic.size(), '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  return in.gcount() == static_cast<std::streamsize>(head.size()) &&
         head == k_elf_magic;
}

// Return the line of the error about FILE, or "" when it loads on TARGET.
std::string file_problem(const PackageFile& file,
                         const DependencyOrigins& origins,
                         const NativeTarget& target)
{
  auto origin = origin_text(file, origins);
  NativeFile native;
  try {
    native = read_native_file(util::read_file(file.source));
  } catch (const MalformedNativeFile& error) {
    return fmt::format("'{}' {} {} but is no valid ELF file ({}); remove or "
                       "exclude it",
                       file.path,
                       origin,
                       is_native_path(file.path)
                           ? "is named like a native library"
                           : "starts with the ELF magic",
                       error.what());
  }
  auto problem = native_problem(native, target);
  if (problem.empty()) {
    return "";
  }
  bool glibc_too_new = native.format == NativeFormat::elf && native.is_64_bit &&
                       native.is_little_endian &&
                       native.machine == elf_machine_of(target.architecture);
  return fmt::format("'{}' {} {}; {}",
                     file.path,
                     origin,
                     problem,
                     advice(file, origins, target, glibc_too_new));
}

std::string lowercase_ascii(std::string_view text)
{
  std::string lower(text);
  for (auto& c : lower) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return lower;
}

std::string joined_problems(const std::vector<std::string>& problems)
{
  if (problems.size() == 1) {
    return "native file " + problems.front();
  }
  auto text =
      fmt::format("{} native files cannot load on Lambda:", problems.size());
  for (const auto& problem : problems) {
    text += "\n  " + problem;
  }
  return text;
}

} // namespace

bool is_native_path(std::string_view path)
{
  // Case-insensitive: on a case-insensitive file system (macOS, Windows)
  // a Mach-O "X.SO" or PE "X.PYD" is the extension module the import finds.
  // By hand, not by std::regex: a build asks it of every file, and the
  // regex cost a rebuild more than the rest of the check.
  auto name = lowercase_ascii(path.substr(path.rfind('/') + 1));
  if (name.ends_with(".pyd") || name.ends_with(".dylib")) {
    return true;
  }
  // .so followed by any number of ".<digits>" parts.
  std::string_view rest = name;
  while (true) {
    auto dot = rest.rfind('.');
    if (dot == std::string_view::npos) {
      return false;
    }
    auto part = rest.substr(dot + 1);
    if (part == "so") {
      return true;
    }
    if (part.empty() || !std::all_of(part.begin(), part.end(), [](char c) {
          return c >= '0' && c <= '9';
        })) {
      return false;
    }
    rest = rest.substr(0, dot);
  }
}

std::optional<GlibcVersion> runtime_glibc(const std::string& runtime)
{
  const auto* python = config::find_python_runtime(runtime);
  if (python == nullptr) {
    return std::nullopt;
  }
  switch (python->os) {
  case config::LambdaOs::amazon_linux_2:
    return k_amazon_linux_2;
  case config::LambdaOs::amazon_linux_2023:
    return k_amazon_linux_2023;
  }
  return std::nullopt;
}

std::string native_problem(const NativeFile& file, const NativeTarget& target)
{
  auto machine = elf_machine_name(elf_machine_of(target.architecture));
  switch (file.format) {
  case NativeFormat::mach_o:
    return "is a Mach-O (macOS) library, but Lambda needs an ELF file for " +
           machine;
  case NativeFormat::pe:
    return "is a PE (Windows) library, but Lambda needs an ELF file for " +
           machine;
  case NativeFormat::elf:
    break;
  }
  if (!file.is_64_bit || !file.is_little_endian) {
    return fmt::format("is a {} ELF file, but Lambda needs a 64-bit "
                       "little-endian one for {}",
                       file.is_64_bit ? "big-endian" : "32-bit",
                       machine);
  }
  if (file.machine != elf_machine_of(target.architecture)) {
    return fmt::format("is an ELF file for {}, but the {} architecture needs "
                       "{}",
                       elf_machine_name(file.machine),
                       target.architecture,
                       machine);
  }
  auto glibc = runtime_glibc(target.runtime);
  if (glibc && file.newest_glibc && *glibc < *file.newest_glibc) {
    return fmt::format("needs glibc {}, but the {} runtime provides glibc {}",
                       file.newest_glibc->text(),
                       target.runtime,
                       glibc->text());
  }
  return "";
}

void check_native_files(const std::vector<PackageFile>& files,
                        const DependencyOrigins& origins,
                        const NativeTarget& target)
{
  std::vector<bool> elf;
  elf.reserve(files.size());
  for (const auto& file : files) {
    elf.push_back(starts_like_elf(file.source));
  }
  check_native_files(files, elf, origins, target);
}

void check_native_files(const std::vector<PackageFile>& files,
                        const std::vector<bool>& elf,
                        const DependencyOrigins& origins,
                        const NativeTarget& target)
{
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& file = files[i];
    // Only ELF content is looked for in other files: a PE .exe that a
    // distribution ships on purpose (setuptools' cli-64.exe) is no module.
    // ELF[i] is checked against the file: an index record damaged unseen
    // must not fail a build; and only the few ELF files are opened.
    if (!is_native_path(file.path) &&
        !(elf.at(i) && starts_like_elf(file.source))) {
      continue;
    }
    auto problem = file_problem(file, origins, target);
    if (!problem.empty()) {
      problems.push_back(std::move(problem));
    }
  }
  if (!problems.empty()) {
    throw Error(joined_problems(problems));
  }
  if (!runtime_glibc(target.runtime)) {
    util::debugf("the glibc of runtime '{}' is unknown; native files were "
                 "not checked against it",
                 target.runtime);
  }
}

} // namespace slam::package
