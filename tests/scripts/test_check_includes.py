#!/usr/bin/env python3
"""tests/scripts/test_check_includes.py — scripts/check_includes.py on small planted trees: a
clean tree passes, and each rule (back edge, sideways edge, Z3 outside solver/, a private header
used outside its folder, tools/'s and testing/workload/'s included, a public header including a
private one, a cycle between folders, a quoted include of no file) fails with a located message;
build directories and the unpacked .deps are skipped. Then the real tree passes. Run by ctest, or directly: python3 tests/scripts/test_check_includes.py."""

import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKER = ROOT / "scripts" / "check_includes.py"

CLEAN = {
    "ir/Expr.h": "#pragma once\n#include <string>\n",
    "ir/internal/CharClass.h": "#pragma once\n",
    "ir/Expr.cpp": '#include "ir/Expr.h"\n#include "ir/internal/CharClass.h"\n',
    "ir/text/Reader.h": '#pragma once\n#include "ir/Expr.h"\n',
    "ir/text/internal/Support.h": '#pragma once\n#include "ir/text/Reader.h"\n',
    "ir/text/Reader.cpp": '#include "ir/text/internal/Support.h"\n#include "ir/internal/CharClass.h"\n',
    "solver/Prover.h": '#pragma once\n#include "ir/Expr.h"\n',
    "solver/internal/Lowering.h": '#pragma once\n#include <z3++.h>\n#include "solver/Prover.h"\n',
    "solver/Prover.cpp": '#include <z3++.h>\n#include "solver/internal/Lowering.h"\n',
    "engine/ops/Table.h": '#pragma once\n#include "solver/Prover.h"\n',
    "engine/Engine.h": '#pragma once\n#include "engine/ops/Table.h"\n#include "ir/text/Reader.h"\n',
    "tools/main.cpp": '#include "engine/Engine.h"\n#include "tools/internal/Flags.h"\n',
    "tools/internal/Flags.h": '#pragma once\n#include "tools/Batch.h"\n',
    "tools/Batch.h": '#pragma once\n#include "engine/Engine.h"\n',
    "testing/Gen.h": '#pragma once\n#include "ir/Expr.h"\n',
    "testing/workload/Workload.h": '#pragma once\n',
    "testing/workload/internal/Builder.h": '#pragma once\n#include "testing/workload/Workload.h"\n',
    "testing/workload/Recipe.cpp": '#include "testing/workload/internal/Builder.h"\n',
    "benchmarks/a/A.h": '#pragma once\n#include "benchmarks/b/B.h"\n#include "testing/Gen.h"\n',
    "benchmarks/b/B.h": "#pragma once\n",
    "tests/ir/test_text.cpp": '#include "ir/text/internal/Support.h"\n',
    "tests/cli/test_cli.cpp": '#include "testing/Gen.h"\n#include "symrange/version.h"\n',
    "python/module.cpp": '#include "tools/Batch.h"\n#include "testing/workload/Workload.h"\n',
}


def run(files):
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)
        p = subprocess.run([sys.executable, str(CHECKER), str(root)], capture_output=True, text=True)
        return p.returncode, p.stdout + p.stderr


class CheckIncludes(unittest.TestCase):
    def planted(self, extra, *expected):
        files = dict(CLEAN)
        files.update(extra)
        code, out = run(files)
        self.assertEqual(code, 1, out)
        for e in expected:
            self.assertIn(e, out)

    def test_clean_tree_passes(self):
        code, out = run(CLEAN)
        self.assertEqual(code, 0, out)

    def test_back_edge(self):
        self.planted({"ir/Graph.h": '#pragma once\n#include "solver/Prover.h"\n'},
                     "ir/Graph.h:2: error: `solver/Prover.h` runs back up a layer")

    def test_back_edge_within_a_top_folder(self):
        self.planted({"engine/ops/Uses.cpp": '#include "engine/Engine.h"\n'},
                     "engine/ops/Uses.cpp:1: error: `engine/Engine.h` runs back up a layer")
        self.planted({"ir/Parse.cpp": '#include "ir/text/Reader.h"\n'},
                     "ir/Parse.cpp:1: error: `ir/text/Reader.h` runs back up a layer")

    def test_sideways_edge(self):
        self.planted({"testing/Uses.cpp": '#include "tools/main.cpp"\n'},
                     "testing/Uses.cpp:1: error: `tools/main.cpp` runs back up a layer")

    def test_z3_outside_solver(self):
        self.planted({"engine/Lower.cpp": "#include <z3++.h>\n"},
                     "engine/Lower.cpp:1: error: `z3++.h`: Z3 is included only by solver")
        self.planted({"solver/Public.h": '#pragma once\n#include "z3++.h"\n'},
                     "solver/Public.h:2: error: `z3++.h`")

    def test_private_header_outside_its_folder(self):
        self.planted({"engine/Uses.cpp": '#include "solver/internal/Lowering.h"\n'},
                     "engine/Uses.cpp:1: error: `solver/internal/Lowering.h` is private to solver/")
        self.planted({"ir/pt2/Uses.cpp": '#include "ir/text/internal/Support.h"\n'},
                     "ir/pt2/Uses.cpp:1: error: `ir/text/internal/Support.h` is private to ir/text/")
        self.planted({"tests/engine/t.cpp": '#include "ir/text/internal/Support.h"\n'},
                     "is private to ir/text/")

    def test_private_headers_of_tools_and_the_workload_generator(self):
        # what only the `symrange` command uses, and the workload recipes' emitter: a benchmark
        # or a test sees testing/workload/Workload.h, the Python module tools/Batch.h
        self.planted({"python/module.cpp": '#include "tools/internal/Flags.h"\n'},
                     "python/module.cpp:1: error: `tools/internal/Flags.h` is private to tools/")
        self.planted({"benchmarks/b/B.h": '#pragma once\n#include "testing/workload/internal/Builder.h"\n'},
                     "benchmarks/b/B.h:2: error: `testing/workload/internal/Builder.h` is private to "
                     "testing/workload/")
        self.planted({"testing/Gen.cpp": '#include "testing/workload/internal/Builder.h"\n'},
                     "testing/Gen.cpp:1: error: `testing/workload/internal/Builder.h` is private to "
                     "testing/workload/")
        self.planted({"tests/engine/t.cpp": '#include "testing/workload/internal/Builder.h"\n'},
                     "is private to testing/workload/")

    def test_public_header_leaking_a_private_one(self):
        # ir/text/PyArgs.h once did this: public, it handed ir/internal/CharClass.h to engine/
        self.planted({"ir/text/Public.h": '#pragma once\n#include "ir/text/internal/Support.h"\n'},
                     "ir/text/Public.h:2: error: public header ir/text/Public.h includes "
                     "`ir/text/internal/Support.h`, private to ir/text/")
        # the same include from a .cpp of the folder, or from a private header, is fine
        code, out = run(dict(CLEAN, **{
            "ir/text/Other.cpp": '#include "ir/text/internal/Support.h"\n',
            "ir/text/internal/More.h": '#pragma once\n#include "ir/text/internal/Support.h"\n'}))
        self.assertEqual(code, 0, out)

    def test_cycle_between_folders(self):
        self.planted({"benchmarks/b/B.h": '#pragma once\n#include "benchmarks/a/A.h"\n'},
                     "error: include cycle between folders benchmarks/a/, benchmarks/b/")

    def test_include_of_no_file(self):
        # a header that moved, still named at its old place (python/module.cpp once did this)
        self.planted({"tools/Uses.cpp": '#include "engine/Engine.h"\n#include "engine/Table.h"\n'},
                     "tools/Uses.cpp:2: error: `engine/Table.h` names no file of the tree")

    def test_build_directories_and_deps_are_not_checked(self):
        # the Z3 headers scripts/setup.sh unpacks into .deps/ include Z3 and names of Z3's own tree
        files = dict(CLEAN)
        files[".deps/z3-5.4.1/include/z3_v1.h"] = '#pragma once\n#include "api/z3.h"\n'
        files["build-asan/gen/x.cpp"] = '#include <z3++.h>\n'
        code, out = run(files)
        self.assertEqual(code, 0, out)
        files["deps/x.cpp"] = '#include "api/z3.h"\n'  # only .deps itself is skipped
        code, out = run(files)
        self.assertEqual(code, 1, out)

    def test_the_repository_follows_the_rules(self):
        p = subprocess.run([sys.executable, str(CHECKER), str(ROOT)], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)


if __name__ == "__main__":
    unittest.main()
