# scripts/lib/z3.sh — sourced by the scripts: `ensure_z3 TAG` makes the one supported Z3 (5.4.1,
# the libz3 and C++ headers of PyPI's z3-solver==5.4.1.0 wheel) available under .deps/z3-5.4.1
# (lib/libz3.so.5.4, lib/libz3.so, include/z3++.h ...), where CMake looks by default
# (SYMRANGE_Z3_ROOT, CMakeLists.txt). Idempotent: a no-op once the prefix is complete. The wheel
# is fetched with `python3 -m pip download` and checked against its pinned SHA-256 before it is
# unpacked. docs/library.md ("Z3") says why this Z3 and not Debian's.
SYMRANGE_Z3_VERSION=5.4.1
SYMRANGE_Z3_WHEEL=z3_solver-5.4.1.0-py3-none-manylinux_2_27_x86_64.whl
SYMRANGE_Z3_WHEEL_SHA256=e680ce083683abca5d07c3e55c2f620ff9a29cb91c548eeeea27ae29e8060522

ensure_z3() {
  local tag=$1
  local prefix=.deps/z3-$SYMRANGE_Z3_VERSION
  local stamp=$prefix/.wheel-sha256
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$SYMRANGE_Z3_WHEEL_SHA256" ] &&
     [ -f "$prefix/lib/libz3.so.5.4" ] && [ -f "$prefix/include/z3++.h" ]; then
    return 0
  fi
  echo "$tag: fetching Z3 $SYMRANGE_Z3_VERSION (PyPI z3-solver==5.4.1.0) into $prefix" >&2
  # pip fetches the wheel (and python3 unpacks it): a fresh Debian machine may have neither
  python3 -m pip --version >/dev/null 2>&1 || ensure_packages "$tag" python3 python3-pip
  if ! python3 -m pip --version >/dev/null 2>&1; then
    echo "$tag: python3 -m pip is needed to fetch Z3" \
         "(python3 -m ensurepip, or the python3-pip package)" >&2
    return 1
  fi
  mkdir -p .deps
  local tmp
  tmp=$(mktemp -d .deps/z3-fetch.XXXXXX)
  # The platform is pinned so that every machine downloads the one file whose hash is below.
  if ! python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: \
        --platform manylinux_2_27_x86_64 --python-version 3 --implementation py --abi none \
        "z3-solver==5.4.1.0" -d "$tmp" >&2; then
    rm -rf "$tmp"
    echo "$tag: pip could not download z3-solver==5.4.1.0" >&2
    return 1
  fi
  local sum
  sum=$(sha256sum "$tmp/$SYMRANGE_Z3_WHEEL" | cut -d' ' -f1)
  if [ "$sum" != "$SYMRANGE_Z3_WHEEL_SHA256" ]; then
    rm -rf "$tmp"
    echo "$tag: $SYMRANGE_Z3_WHEEL has SHA-256 $sum, expected $SYMRANGE_Z3_WHEEL_SHA256" >&2
    return 1
  fi
  # Only the library and the headers; the wheel's libz3.so is a second copy of libz3.so.5.4 (a
  # wheel holds no symbolic links), so libz3.so becomes a link to it.
  python3 - "$tmp/$SYMRANGE_Z3_WHEEL" "$tmp/prefix" <<'EOF'
import os, sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(out, "lib"))
os.makedirs(os.path.join(out, "include"))
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if name.startswith("z3/include/") and name.endswith(".h"):
            dest = os.path.join(out, "include", os.path.basename(name))
        elif name == "z3/lib/libz3.so.5.4":
            dest = os.path.join(out, "lib", "libz3.so.5.4")
        else:
            continue
        with z.open(name) as src, open(dest, "wb") as dst:
            dst.write(src.read())
os.chmod(os.path.join(out, "lib", "libz3.so.5.4"), 0o755)
os.symlink("libz3.so.5.4", os.path.join(out, "lib", "libz3.so"))
EOF
  echo "$SYMRANGE_Z3_WHEEL_SHA256" >"$tmp/prefix/.wheel-sha256"
  rm -rf "$prefix"
  mv "$tmp/prefix" "$prefix"
  rm -rf "$tmp"
}
