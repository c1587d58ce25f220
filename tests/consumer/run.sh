#!/usr/bin/env bash
# tests/consumer/run.sh MODE BUILD_DIR WORK_DIR — builds the consumer project of this folder
# against symrange and runs it on the bundled example (ctest runs each mode, tests/CMakeLists.txt):
#   install          cmake --install BUILD_DIR --prefix WORK_DIR/prefix
#   find_package     configure with CMAKE_PREFIX_PATH=WORK_DIR/prefix, build, run (needs install)
#   pkg-config       compile the example pass with `pkg-config --cflags --libs symrange`, run
#   add_subdirectory configure with the source tree inside, build, run (compiles the library again)
# CONSUMER_CMAKE_ARGS adds configure options (the tests pass the compiler launcher on).
set -euo pipefail
mode=$1 build=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
example=$repo/examples/constrain_as_size_example.txt
read -r -a extra <<<"${CONSUMER_CMAKE_ARGS:-}"

expect() {  # the example pass's output must show the verdict and the rewrite
  local out
  out=$("$@")
  grep -q '_assert_async_2 \[check in forward\]: i4 >= 0 is redundant' <<<"$out" ||
    { echo "$out"; echo "consumer: the pass did not find the redundant check"; exit 1; }
  grep -q '# removed 2 checks' <<<"$out" || { echo "$out"; echo "consumer: no rewrite"; exit 1; }
}

case $mode in
  install)
    rm -rf "$work/prefix"
    cmake --install "$build" --prefix "$work/prefix" >/dev/null
    test -f "$work/prefix/include/symrange/symrange.h"
    test -f "$work/prefix/include/symrange/version.h"
    # the layers' internal headers are not part of the package
    if find "$work/prefix/include" -name 'Engine.h' | grep -q .; then
      echo "consumer: internal headers installed"; exit 1
    fi
    ;;
  find_package | add_subdirectory)
    dir=$work/$mode
    rm -rf "$dir"
    if [ "$mode" = find_package ]; then
      cmake -S "$here" -B "$dir" -DCMAKE_PREFIX_PATH="$work/prefix" "${extra[@]}" >/dev/null
    else
      # -O0 and a unity build: this build only proves that embedding works; it need not be fast
      cmake -S "$here" -B "$dir" -DSYMRANGE_SOURCE_DIR="$repo" -DCMAKE_BUILD_TYPE=None \
        -DCMAKE_CXX_FLAGS=-O0 -DCMAKE_UNITY_BUILD=ON "${extra[@]}" >/dev/null
    fi
    cmake --build "$dir" -j"$(nproc)" >/dev/null
    expect "$dir/prune_checks_pass" "$example"
    out=$("$dir/plugin_host" "$dir/libsymrange_plugin.so" "$example")
    [ "$out" = "removable: 2" ] || { echo "consumer: plugin said '$out'"; exit 1; }
    ;;
  pkg-config)
    dir=$work/pkg-config
    rm -rf "$dir" && mkdir -p "$dir"
    pc=$(dirname "$(find "$work/prefix" -name symrange.pc | head -1)")
    flags=$(PKG_CONFIG_PATH=$pc pkg-config --cflags --libs symrange)
    libdir=$(PKG_CONFIG_PATH=$pc pkg-config --variable=libdir symrange)
    # shellcheck disable=SC2086
    c++ -std=c++20 "$repo/examples/prune_checks_pass.cpp" -o "$dir/prune_checks_pass" $flags \
      -Wl,-rpath,"$libdir"
    expect "$dir/prune_checks_pass" "$example"
    ;;
  *)
    echo "usage: run.sh install|find_package|pkg-config|add_subdirectory BUILD_DIR WORK_DIR"
    exit 2
    ;;
esac
echo "consumer $mode: ok"
