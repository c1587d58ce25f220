# cmake/Install.cmake — `cmake --install`: the libraries (target symrange::symrange and the layers
# it links), the public headers (include/symrange/), a CMake package (find_package(symrange)) and
# a pkg-config file (symrange.pc). The layers' own headers are internal and not installed.
# Z3 5.4.1's libz3.so.5.4 (cmake/Z3.cmake) is installed next to the libraries: the installed
# programs and shared libraries find it through their RPATH ($ORIGIN/../lib), a consumer links it
# through the package (target symrange::z3) or the .pc file (its full path). No Z3 header and no
# z3.pc are installed: the installed API names no Z3 (docs/library.md, "Z3").
include(CMakePackageConfigHelpers)

install(TARGETS symrange_ir symrange_solver symrange_engine EXPORT symrangeTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/include/symrange/symrange.h
              ${PROJECT_BINARY_DIR}/include/symrange/version.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/symrange)
install(FILES ${SYMRANGE_Z3_LIBRARY} DESTINATION ${CMAKE_INSTALL_LIBDIR})
set(SYMRANGE_Z3_INSTALL_LIBRARY ${CMAKE_INSTALL_LIBDIR}/libz3.so.5.4)

set(SYMRANGE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/symrange)
install(EXPORT symrangeTargets NAMESPACE symrange:: DESTINATION ${SYMRANGE_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/symrangeConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/symrangeConfig.cmake
                              INSTALL_DESTINATION ${SYMRANGE_CMAKE_DIR}
                              PATH_VARS SYMRANGE_Z3_INSTALL_LIBRARY)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/symrangeConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/symrangeConfig.cmake
              ${PROJECT_BINARY_DIR}/symrangeConfigVersion.cmake
        DESTINATION ${SYMRANGE_CMAKE_DIR})

# pkg-config: a static build lists the layers and the libraries they need on `Libs`, since the
# consumer links them itself; a shared libsymrange records its own dependencies. Z3 is named by
# the full path of the installed libz3.so.5.4, never `-lz3` (which could find another Z3).
set(SYMRANGE_PC_Z3 "\${libdir}/libz3.so.5.4")
if(BUILD_SHARED_LIBS)
  set(SYMRANGE_PC_LIBS "-lsymrange")
  set(SYMRANGE_PC_LIBS_PRIVATE "${SYMRANGE_PC_Z3}")
  set(SYMRANGE_PC_REQUIRES "")
  set(SYMRANGE_PC_REQUIRES_PRIVATE "libzip")
else()
  set(SYMRANGE_PC_LIBS "-lsymrange -lsymrange_solver -lsymrange_ir ${SYMRANGE_PC_Z3} -pthread")
  set(SYMRANGE_PC_LIBS_PRIVATE "")
  set(SYMRANGE_PC_REQUIRES "libzip")
  set(SYMRANGE_PC_REQUIRES_PRIVATE "")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/symrange.pc.in ${PROJECT_BINARY_DIR}/symrange.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/symrange.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
