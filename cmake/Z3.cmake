# cmake/Z3.cmake — the one supported Z3: 5.4.1, the libz3.so.5.4 and C++ headers of PyPI's
# z3-solver==5.4.1.0 wheel, which scripts/setup.sh unpacks into .deps/z3-5.4.1 (docs/library.md,
# "Z3"). Defines the imported target symrange::z3 (GLOBAL, so that a project embedding symrange
# with add_subdirectory links it too) and SYMRANGE_Z3_LIBRARY, the file cmake/Install.cmake
# installs next to libsymrange. Any other Z3 fails the configure: the library is asked its version
# (Z3_get_version) by a small program, again whenever the library file changes.
set(SYMRANGE_Z3_VERSION 5.4.1)
set(SYMRANGE_Z3_ROOT "${PROJECT_SOURCE_DIR}/.deps/z3-${SYMRANGE_Z3_VERSION}" CACHE PATH
    "Z3 ${SYMRANGE_Z3_VERSION}: lib/libz3.so.5.4 and include/z3++.h (scripts/setup.sh fills it)")

set(_z3_lib "${SYMRANGE_Z3_ROOT}/lib/libz3.so.5.4")
set(_z3_inc "${SYMRANGE_Z3_ROOT}/include")
if(NOT EXISTS "${_z3_lib}" OR NOT EXISTS "${_z3_inc}/z3++.h")
  message(FATAL_ERROR
    "symrange: Z3 ${SYMRANGE_Z3_VERSION} not found: no lib/libz3.so.5.4 and include/z3++.h under "
    "SYMRANGE_Z3_ROOT=${SYMRANGE_Z3_ROOT}. Run scripts/setup.sh (it unpacks PyPI's "
    "z3-solver==5.4.1.0 wheel there), or point -DSYMRANGE_Z3_ROOT at such a directory. Other Z3 "
    "versions (Debian's libz3-dev 4.8) are not supported.")
endif()

file(TIMESTAMP "${_z3_lib}" _z3_stamp)
if(NOT SYMRANGE_Z3_CHECKED STREQUAL "${_z3_lib} ${_z3_stamp}")
  set(_z3_probe "${CMAKE_BINARY_DIR}/CMakeFiles/symrange_z3_version.cpp")
  file(WRITE "${_z3_probe}" [=[
#include <z3.h>
#include <cstdio>
int main() {
  unsigned major, minor, build, revision;
  Z3_get_version(&major, &minor, &build, &revision);
  std::printf("%u.%u.%u", major, minor, build);
  return 0;
}
]=])
  try_run(_z3_run _z3_compiled "${CMAKE_BINARY_DIR}/CMakeFiles/symrange_z3_version" "${_z3_probe}"
          CMAKE_FLAGS "-DINCLUDE_DIRECTORIES=${_z3_inc}"
          LINK_LIBRARIES "${_z3_lib}" "-Wl,-rpath,${SYMRANGE_Z3_ROOT}/lib"
          COMPILE_OUTPUT_VARIABLE _z3_compile_out
          RUN_OUTPUT_VARIABLE _z3_found_version)
  if(NOT _z3_compiled OR NOT _z3_run EQUAL 0)
    message(FATAL_ERROR "symrange: could not build and run a program against ${_z3_lib}:\n"
                        "${_z3_compile_out}")
  endif()
  if(NOT _z3_found_version STREQUAL SYMRANGE_Z3_VERSION)
    message(FATAL_ERROR
      "symrange: ${_z3_lib} is Z3 ${_z3_found_version}; symrange supports Z3 "
      "${SYMRANGE_Z3_VERSION} only. Run scripts/setup.sh, or point -DSYMRANGE_Z3_ROOT at Z3 "
      "${SYMRANGE_Z3_VERSION}.")
  endif()
  message(STATUS "symrange: Z3 ${_z3_found_version} (${SYMRANGE_Z3_ROOT})")
  set(SYMRANGE_Z3_CHECKED "${_z3_lib} ${_z3_stamp}" CACHE INTERNAL "the libz3 checked, and when")
endif()

set(SYMRANGE_Z3_LIBRARY "${_z3_lib}")
add_library(symrange::z3 SHARED IMPORTED GLOBAL)
set_target_properties(symrange::z3 PROPERTIES
  IMPORTED_LOCATION "${_z3_lib}"
  IMPORTED_SONAME "libz3.so.5.4"
  INTERFACE_INCLUDE_DIRECTORIES "${_z3_inc}")
