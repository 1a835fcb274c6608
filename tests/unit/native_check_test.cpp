#include "elf_fixture.hpp"
#include "package_test_support.hpp"
#include "slam/config/lambda_runtimes.hpp"
#include "slam/package/native_check.hpp"
#include "slam/package/native_file.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"

#include <gtest/gtest.h>
#include <string>

namespace fs = std::filesystem;
using slam::package::check_native_files;
using slam::package::DependencyOrigins;
using slam::package::GlibcVersion;
using slam::package::is_native_path;
using slam::package::NativeTarget;
using slam::package::PackageFile;
using slam::package::runtime_glibc;
using slam::test::elf_bytes;
using slam::test::TempDir;
using slam::test::write_file;

namespace {

const NativeTarget k_x86_312{"python3.12", "x86_64"};
const NativeTarget k_arm_312{"python3.12", "arm64"};

// A package of one file at PATH with CONTENT, in a project or (when
// DISTRIBUTION is set) in a dependency folder.
class NativeCheck : public ::testing::Test
{
protected:
  // Return the message check_native_files throws, or "" when none.
  std::string check(const NativeTarget& target)
  {
    try {
      check_native_files(m_files, m_origins, target);
    } catch (const slam::Error& error) {
      return error.what();
    }
    return "";
  }

  void add_project_file(const std::string& path, const std::string& content)
  {
    auto source = m_dir.path() / "project" / path;
    write_file(source, content);
    m_files.push_back({path, source});
  }

  void add_dependency_file(const std::string& path,
                           const std::string& content,
                           const std::string& name = "fastlib",
                           const std::string& version = "1.2")
  {
    auto source = m_origins.folder / path;
    write_file(source, content);
    m_origins.distributions[source] = {name, version};
    m_files.push_back({path, source});
  }

  TempDir m_dir;
  DependencyOrigins m_origins{m_dir.path() / "deps", {}};
  std::vector<PackageFile> m_files;
};

} // namespace

// Native names: .so with or without version numbers, .pyd, .dylib.
TEST(NativePath, names_native_files)
{
  EXPECT_TRUE(is_native_path("a/_speedups.cpython-312-x86_64-linux-gnu.so"));
  EXPECT_TRUE(is_native_path("numpy.libs/libgfortran-040039e1.so.5.0.0"));
  EXPECT_TRUE(is_native_path("x.so.1"));
  EXPECT_TRUE(is_native_path("x.pyd"));
  EXPECT_TRUE(is_native_path("lib/x.dylib"));
  EXPECT_FALSE(is_native_path("x.so.txt"));
  EXPECT_FALSE(is_native_path("x.sox"));
  EXPECT_FALSE(is_native_path("so/x.py"));
  // Any case: a case-insensitive file system imports "X.PYD" as "x.pyd".
  EXPECT_TRUE(is_native_path("cases/UPPER.SO"));
  EXPECT_TRUE(is_native_path("x.So.6"));
  EXPECT_TRUE(is_native_path("x.PYD"));
  EXPECT_TRUE(is_native_path("x.DyLib"));
  EXPECT_FALSE(is_native_path("setuptools/cli-64.exe"));
  EXPECT_FALSE(is_native_path("x.so."));
}

// The glibc table: Amazon Linux 2 and 2023 runtimes, unknown ones none.
TEST(NativePath, runtime_glibc_table)
{
  EXPECT_EQ(runtime_glibc("python3.9"), (GlibcVersion{2, 26}));
  EXPECT_EQ(runtime_glibc("python3.11"), (GlibcVersion{2, 26}));
  EXPECT_EQ(runtime_glibc("python3.12"), (GlibcVersion{2, 34}));
  EXPECT_EQ(runtime_glibc("python3.13"), (GlibcVersion{2, 34}));
  EXPECT_EQ(runtime_glibc("python3.99"), std::nullopt);
}

// Every runtime the config accepts has a glibc, so none skips the check.
TEST(NativePath, every_accepted_runtime_has_a_glibc)
{
  for (const auto& id : slam::config::python_runtime_ids()) {
    EXPECT_NE(runtime_glibc(id), std::nullopt) << id;
  }
}

// A library for the target machine with an old enough glibc passes, and
// files that are not native are not read.
TEST_F(NativeCheck, passes_matching_library)
{
  add_dependency_file("fastlib/_core.so", elf_bytes({62, {"GLIBC_2.17"}}));
  add_dependency_file("fastlib/data.bin", "garbage");
  add_project_file("lib/libx.so.1", elf_bytes({62, {"GLIBC_2.34"}}));
  EXPECT_EQ(check(k_x86_312), "");
}

// A glibc newer than the runtime's fails, naming the distribution.
TEST_F(NativeCheck, refuses_too_new_glibc)
{
  add_dependency_file("fastlib/_core.so",
                      elf_bytes({62, {"GLIBC_2.17", "GLIBC_2.38"}}));
  EXPECT_EQ(check(k_x86_312),
            "native file 'fastlib/_core.so' of the distribution 'fastlib "
            "1.2' needs glibc 2.38, but the python3.12 runtime provides "
            "glibc 2.34; pin a version of 'fastlib' whose wheel needs glibc "
            "2.34 or older (manylinux_2_34 or lower)");
  // Amazon Linux 2 runtimes have an older glibc still.
  m_files.clear();
  add_dependency_file("fastlib/_core.so", elf_bytes({62, {"GLIBC_2.28"}}));
  EXPECT_NE(check({"python3.11", "x86_64"})
                .find("needs glibc 2.28, but the "
                      "python3.11 runtime provides "
                      "glibc 2.26"),
            std::string::npos);
  EXPECT_EQ(check(k_x86_312), "");
}

// A library of the other machine fails, saying what to do.
TEST_F(NativeCheck, refuses_wrong_machine)
{
  add_dependency_file("fastlib/_core.so", elf_bytes({183, {}}));
  EXPECT_EQ(check(k_x86_312),
            "native file 'fastlib/_core.so' of the distribution 'fastlib "
            "1.2' is an ELF file for AArch64, but the x86_64 architecture "
            "needs x86-64; pin a version of 'fastlib' that has a Linux x86_64 "
            "wheel, or set aws.lambda_architecture to the architecture it "
            "was built for");
  EXPECT_EQ(check(k_arm_312), "");
}

// Mach-O, PE and broken files of the project are all listed, by path.
TEST_F(NativeCheck, lists_every_bad_project_file)
{
  add_project_file("mac.dylib", std::string("\xca\xfe\xba\xbe", 4) + "....");
  add_project_file("win.pyd", "MZ\x90");
  add_project_file("broken.so",
                   "\x7f"
                   "ELF");
  add_project_file("text.so", "not a library");
  EXPECT_EQ(check(k_arm_312),
            "4 native files cannot load on Lambda:\n"
            "  'mac.dylib' of the project is a Mach-O (macOS) library, but "
            "Lambda needs an ELF file for AArch64; rebuild it for Linux arm64 "
            "with glibc 2.34 or older, or exclude it with package.exclude\n"
            "  'win.pyd' of the project is a PE (Windows) library, but Lambda "
            "needs an ELF file for AArch64; rebuild it for Linux arm64 with "
            "glibc 2.34 or older, or exclude it with package.exclude\n"
            "  'broken.so' of the project is named like a native library but "
            "is no valid ELF file (its ELF header lies past its end); remove "
            "or exclude it\n"
            "  'text.so' of the project is named like a native library but is "
            "no valid ELF file (it is not an ELF, Mach-O or PE file); remove "
            "or exclude it");
}

// ELF content is checked whatever the name: an upper-case .SO and an
// executable without extension, both for the wrong machine.
TEST_F(NativeCheck, checks_elf_content_under_any_name)
{
  add_project_file("cases/UPPER.SO", elf_bytes({183, {}}));
  add_project_file("bin/tool", elf_bytes({183, {}}));
  add_project_file("bin/stub",
                   "\x7f"
                   "ELF");
  add_project_file("bin/x86tool", elf_bytes({62, {}}));
  add_project_file("bin/script", "#!/bin/sh\n");
  add_project_file("short", "\x7f");
  EXPECT_EQ(check(k_x86_312),
            "3 native files cannot load on Lambda:\n"
            "  'cases/UPPER.SO' of the project is an ELF file for AArch64, "
            "but the x86_64 architecture needs x86-64; rebuild it for Linux "
            "x86_64 with glibc 2.34 or older, or exclude it with "
            "package.exclude\n"
            "  'bin/tool' of the project is an ELF file for AArch64, but the "
            "x86_64 architecture needs x86-64; rebuild it for Linux x86_64 "
            "with glibc 2.34 or older, or exclude it with package.exclude\n"
            "  'bin/stub' of the project starts with the ELF magic but is no "
            "valid ELF file (its ELF header lies past its end); remove or "
            "exclude it");
}

// Windows launchers a distribution ships on purpose are no modules; a
// Mach-O or PE named like one is refused in any case.
TEST_F(NativeCheck, pe_and_mach_o_go_by_name_in_any_case)
{
  add_dependency_file("setuptools/cli-64.exe", "MZ\x90", "setuptools", "80");
  add_project_file("mac.DYLIB", std::string("\xca\xfe\xba\xbe", 4) + "..");
  add_project_file("win.PYD", "MZ\x90");
  EXPECT_EQ(check(k_x86_312),
            "2 native files cannot load on Lambda:\n"
            "  'mac.DYLIB' of the project is a Mach-O (macOS) library, but "
            "Lambda needs an ELF file for x86-64; rebuild it for Linux x86_64 "
            "with glibc 2.34 or older, or exclude it with package.exclude\n"
            "  'win.PYD' of the project is a PE (Windows) library, but Lambda "
            "needs an ELF file for x86-64; rebuild it for Linux x86_64 with "
            "glibc 2.34 or older, or exclude it with package.exclude");
}

// A dependency file no RECORD lists is named as the dependencies'.
TEST_F(NativeCheck, names_unlisted_dependency_files)
{
  add_dependency_file("fastlib/_core.so", elf_bytes({3, {}}));
  m_origins.distributions.clear();
  EXPECT_EQ(check(k_x86_312),
            "native file 'fastlib/_core.so' of the dependencies is an ELF "
            "file for i386, but the x86_64 architecture needs x86-64; "
            "rebuild it for Linux x86_64 with glibc 2.34 or older, or "
            "exclude it with package.exclude");
}

// A 32-bit x86 library is refused even for x86_64.
TEST_F(NativeCheck, refuses_32_bit_library)
{
  auto bytes = elf_bytes({62, {}});
  bytes[4] = 1;
  add_project_file("x.so", bytes);
  EXPECT_EQ(check(k_x86_312),
            "native file 'x.so' of the project is a 32-bit ELF file, but "
            "Lambda needs a 64-bit little-endian one for x86-64; rebuild it "
            "for Linux x86_64 with glibc 2.34 or older, or exclude it with "
            "package.exclude");
}

// A real CPython extension of this machine (x86-64, Debian's glibc)
// passes for x86_64 and fails for arm64.
TEST_F(NativeCheck, checks_a_real_extension)
{
  fs::path real = "/usr/lib/python3.11/lib-dynload/"
                  "_bz2.cpython-311-x86_64-linux-gnu.so";
  if (!fs::exists(real)) {
    GTEST_SKIP() << real << " is missing";
  }
  m_files.push_back({"_bz2.so", real});
  auto file = slam::package::read_native_file(slam::util::read_file(real));
  ASSERT_TRUE(file.newest_glibc.has_value());
  EXPECT_GE(*file.newest_glibc, (GlibcVersion{2, 2, 5}));
  EXPECT_LE(*file.newest_glibc, (GlibcVersion{2, 34}));
  EXPECT_EQ(check(k_x86_312), "");
  EXPECT_NE(check(k_arm_312).find("'_bz2.so' of the project is an ELF file "
                                  "for x86-64, but the arm64 architecture "
                                  "needs AArch64"),
            std::string::npos);
}
