# How slam_core links yaml-cpp, pugixml, fmt and libdeflate (OpenSSL's
# libcrypto follows OPENSSL_USE_STATIC_LIBS, set before it is found).
#
# SLAM_STATIC_LIBS puts them, libstdc++ and libgcc into the binary; only
# libc, libm and libdl stay shared, and libcurl, loaded at the first AWS
# request. Every `slam` run then starts without the dynamic linker's
# symbol lookups and relocations for nine libraries, about 1.2 ms of the
# 3 ms a run took before anything else (bench/package_speed.py: a rebuild
# with nothing changed is 8 ms). Linked at a fixed address (-no-pie), the
# dynamic linker has no 21,000 relative relocations to make either, and
# the binary's first run touches 100 pages fewer: 0.25 ms more. The
# sanitizer tree links them shared.

if(NOT SLAM_STATIC_LIBS)
  target_link_libraries(slam_core PUBLIC yaml-cpp pugixml::pugixml fmt::fmt
    PkgConfig::DEFLATE)
  return()
endif()

find_library(SLAM_YAML_CPP_ARCHIVE NAMES libyaml-cpp.a REQUIRED)
find_library(SLAM_DEFLATE_ARCHIVE NAMES libdeflate.a REQUIRED)
# fmt's headers without its shared library: its compiled part is built
# here (src/link/fmt_compiled.cpp).
get_target_property(SLAM_FMT_INCLUDES fmt::fmt INTERFACE_INCLUDE_DIRECTORIES)
target_include_directories(slam_core SYSTEM PUBLIC ${SLAM_FMT_INCLUDES}
  ${DEFLATE_INCLUDE_DIRS})
target_sources(slam_core PRIVATE ${CMAKE_SOURCE_DIR}/src/link/fmt_compiled.cpp)
target_link_libraries(slam_core PUBLIC ${SLAM_YAML_CPP_ARCHIVE}
  pugixml::static ${SLAM_DEFLATE_ARCHIVE})
target_link_options(slam_core INTERFACE -static-libstdc++ -static-libgcc -no-pie)
