#include "slam/util/log.hpp"

#include <gtest/gtest.h>

using namespace slam::util;
using testing::internal::CaptureStderr;
using testing::internal::GetCapturedStderr;

namespace {

// Restores the status line setting a test changes.
class StatusLineTest : public testing::Test
{
protected:
  void TearDown() override
  {
    clear_status();
    set_status_enabled(false);
  }
};

} // namespace

TEST_F(StatusLineTest, status_is_redrawn_in_place_and_cleared_before_a_note)
{
  set_status_enabled(true);
  CaptureStderr();
  show_status("packing 1/2 files, 10 B");
  show_status("packing 2/2 files, 20 B");
  note("done");
  clear_status(); // nothing left to clear
  EXPECT_EQ(GetCapturedStderr(),
            "\rpacking 1/2 files, 10 B\033[K"
            "\rpacking 2/2 files, 20 B\033[K"
            "\r\033[Kdone\n");
}

TEST_F(StatusLineTest, status_is_not_drawn_when_disabled)
{
  set_status_enabled(false);
  CaptureStderr();
  show_status("packing 1/2 files, 10 B");
  clear_status();
  note("done");
  EXPECT_EQ(GetCapturedStderr(), "done\n");
}

// Restores the verbosity a test changes.
class VerbosityTest : public testing::Test
{
protected:
  void TearDown() override { set_verbosity(Verbosity::normal); }
};

TEST_F(VerbosityTest, quiet_drops_notes_but_keeps_warnings)
{
  set_verbosity(Verbosity::quiet);
  CaptureStderr();
  note("packaged 3 files");
  warn("'package' has no key 'excludes'");
  EXPECT_EQ(GetCapturedStderr(),
            "slam: warning: 'package' has no key 'excludes'\n");
}

// A message that quotes what a damaged file held reaches the terminal as
// text: its broken UTF-8 and control characters escaped, not raw (a test
// harness decoding stderr as UTF-8 failed on it).
TEST_F(VerbosityTest, messages_escape_broken_utf8_and_control_characters)
{
  set_verbosity(Verbosity::verbose);
  CaptureStderr();
  debugf("ignoring 'query': last read: '{}'", "ab\xcf\x01\033[2J");
  warn("odd \xff name");
  note("line\tone");
  EXPECT_EQ(GetCapturedStderr(),
            "slam: ignoring 'query': last read: 'ab\\xcf\\x01\\x1b[2J'\n"
            "slam: warning: odd \\xff name\n"
            "line\tone\n");
}
