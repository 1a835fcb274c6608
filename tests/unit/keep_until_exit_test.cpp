#include "slam/util/keep_until_exit.hpp"

#include <gtest/gtest.h>

namespace {

// Counts the destructions of its copies that still own the count.
struct Counted
{
  explicit Counted(int* count) : count(count) {}
  Counted(Counted&& other) noexcept : count(std::exchange(other.count, nullptr))
  {
  }
  Counted(const Counted&) = delete;
  ~Counted()
  {
    if (count) {
      ++*count;
    }
  }
  int* count;
};

} // namespace

// What a command gives up is not destroyed while the process runs.
TEST(KeepUntilExit, the_object_outlives_its_owner)
{
  int destroyed = 0;
  {
    Counted object(&destroyed);
    slam::util::keep_until_exit(std::move(object));
  }
  slam::util::keep_until_exit(Counted(&destroyed));

  EXPECT_EQ(destroyed, 0);
}
