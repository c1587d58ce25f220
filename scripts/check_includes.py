#!/usr/bin/env python3
"""scripts/check_includes.py — the include rules of docs/architecture.md, checked.

Usage: check_includes.py [ROOT]   (ROOT: the repository, default: this script's parent's parent)

Every C++ source and header under ROOT (build directories, tests/real and the unpacked
third-party .deps skipped) is read for its `#include` lines; a quoted include is resolved against
ROOT, then ROOT/include, then the including file's folder; one that names no file there is an
error (a header that moved), except the headers the build generates (GENERATED). `<...>` names a
system header. The rules:

1. Layers: each folder belongs to the most specific entry of LAYERS that contains it, with its
   rank (ir < ir/text < ir/pt2 < solver < engine/ops < engine < tools, testing < benchmarks,
   fuzz, python, examples < tests). An include into another layer must go strictly down; one into
   a layer of the same or a higher rank runs back up (or sideways between siblings, the same
   mistake waiting). Folders inside one layer (testing/, testing/workload/) are
   held to rule 4 only.
2. Z3 (`z3++.h`, `z3.h`) only in solver/: its .cpp files and solver/internal/.
3. Private headers: a header under `F/internal/` is included only by files under `F/` and by
   the tests of F's top folder (tests/<top>/), never elsewhere.
4. No cycles between folders (a folder's `internal/` counts as the folder itself).
5. A quoted include names a file of the tree (or a generated header); the compiler would say so
   too, but only for the files of the configuration it builds.
6. A public header (one not under an `internal/` folder) includes no private header: whoever
   includes the public one would get the private one too, past rule 3.

Exit 0 when every rule holds, 1 with one `FILE:LINE: error: ...` line per violation.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# Folder -> rank, the most specific prefix wins. Lower ranks are included by higher ones.
LAYERS: dict[str, float] = {
    "ir": 0.0,
    "ir/text": 0.1,
    "ir/pt2": 0.2,
    "solver": 1.0,
    "engine/ops": 2.0,
    "include": 2.1,  # the installed API (symrange/symrange.h), implemented in engine/
    "engine": 2.2,
    "tools": 3.0,
    "testing": 3.0,
    "benchmarks": 4.0,
    "fuzz": 4.0,
    "python": 4.0,
    "examples": 4.0,
    "tests": 5.0,
}
SOURCE_SUFFIXES = {".h", ".hpp", ".cpp", ".cc", ".cxx"}
SKIPPED = ("build", "tests/real", ".git", ".deps")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
Z3_HEADERS = {"z3++.h", "z3.h", "z3_api.h"}
# Quoted includes the build writes (CMake's configure_file into the build directory).
GENERATED = {"symrange/version.h"}


def folder_of(rel: str) -> str:
    """The folder a repository-relative file path belongs to (its directory, `internal/` folded
    into its parent)."""
    parts = rel.split("/")[:-1]
    while parts and parts[-1] == "internal":
        parts.pop()
    return "/".join(parts)


def layer_of(folder: str) -> tuple[str, float] | None:
    """The most specific LAYERS entry containing `folder`, or None (not a layered folder)."""
    best = None
    for name, rank in LAYERS.items():
        if folder == name or folder.startswith(name + "/"):
            if best is None or len(name) > len(best[0]):
                best = (name, rank)
    return best


def sources(root: Path) -> list[str]:
    out = []
    for p in root.rglob("*"):
        if p.suffix not in SOURCE_SUFFIXES or not p.is_file():
            continue
        rel = p.relative_to(root).as_posix()
        if any(rel == s or rel.startswith(s + "/") or rel.startswith(s + "-") for s in SKIPPED):
            continue
        out.append(rel)
    return sorted(out)


def resolve(root: Path, includer: str, name: str) -> str | None:
    for base in (root, root / "include", (root / includer).parent):
        candidate = base / name
        if candidate.is_file():
            try:
                return candidate.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                return None
    return None


def private_owner(rel: str) -> str | None:
    """`F` for a header `F/internal/...`, else None."""
    parts = rel.split("/")
    if "internal" not in parts[:-1]:
        return None
    return "/".join(parts[: parts.index("internal")])


def check(root: Path) -> list[str]:
    errors: list[str] = []
    edges: dict[str, set[str]] = {}
    where: dict[tuple[str, str], str] = {}
    for rel in sources(root):
        try:
            lines = (root / rel).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as e:
            errors.append(f"{rel}:1: error: cannot read: {e}")
            continue
        src_folder = folder_of(rel)
        src_layer = layer_of(src_folder)
        for lineno, line in enumerate(lines, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            kind, name = m.groups()
            loc = f"{rel}:{lineno}"
            if Path(name).name in Z3_HEADERS:
                in_solver = rel.startswith("solver/")
                if not in_solver or (rel.endswith(".h") and "/internal/" not in rel):
                    errors.append(f"{loc}: error: `{name}`: Z3 is included only by solver/*.cpp "
                                  "and solver/internal/ headers")
                continue
            if kind == "<":
                continue
            target = resolve(root, rel, name)
            if target is None:
                if name not in GENERATED:
                    errors.append(f"{loc}: error: `{name}` names no file of the tree (moved? "
                                  "a system header takes <...>)")
                continue
            owner = private_owner(target)
            if owner is not None:
                top = owner.split("/")[0]
                if not (rel.startswith(owner + "/") or rel.startswith(f"tests/{top}/")):
                    errors.append(f"{loc}: error: `{name}` is private to {owner}/ (it is under "
                                  f"{owner}/internal/) and used outside it")
                elif rel.endswith((".h", ".hpp")) and private_owner(rel) is None:
                    errors.append(f"{loc}: error: public header {rel} includes `{name}`, private "
                                  f"to {owner}/: every includer of {rel} gets it too (move the "
                                  "header under internal/ or the include into the .cpp)")
            dst_folder = folder_of(target)
            if dst_folder == src_folder:
                continue
            dst_layer = layer_of(dst_folder)
            if (src_layer and dst_layer and src_layer[0] != dst_layer[0]
                    and dst_layer[1] >= src_layer[1]):
                errors.append(f"{loc}: error: `{name}` runs back up a layer: {src_folder}/ "
                              f"(layer {src_layer[0]}) includes {dst_folder}/ (layer "
                              f"{dst_layer[0]}); dependencies point one way "
                              "(docs/architecture.md)")
            edges.setdefault(src_folder, set()).add(dst_folder)
            where.setdefault((src_folder, dst_folder), loc)
    errors.extend(cycles(edges, where))
    return errors


def cycles(edges: dict[str, set[str]], where: dict[tuple[str, str], str]) -> list[str]:
    """One error per strongly connected component of more than one folder (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    errors = []
    for comp in found:
        members = set(comp)
        links = sorted(f"{where[(a, b)]} ({a}/ -> {b}/)" for a in comp for b in edges.get(a, ())
                       if b in members)
        errors.append(f"{links[0].split(' ')[0]}: error: include cycle between folders "
                      f"{', '.join(c + '/' for c in comp)}: " + "; ".join(links))
    return errors


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    errors = check(root)
    for e in errors:
        print(e)
    if errors:
        print(f"check_includes: {len(errors)} violation(s) of the include rules "
              "(docs/architecture.md)", file=sys.stderr)
        return 1
    print(f"check_includes: {len(sources(root))} files follow the include rules")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
