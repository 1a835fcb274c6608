#pragma once

#include <filesystem>

namespace slam::test {

// Return the root of the source tree the tests were built from. Only
// source_dir.cpp knows it, so that the other test files compile to the same
// objects in every checkout and ccache shares them between worktrees.
std::filesystem::path source_dir();

} // namespace slam::test
