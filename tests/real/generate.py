#!/usr/bin/env python3
# tests/real/generate.py — regenerates the corpus that torch itself exports (tests/real/<case>/).
#
# Needs torch (the committed files were written by the version in tests/real/README.md); CI does
# not run it. For every case of tests/real/models.py (the zoo and every ExportDB example that
# exports) it writes each printed form torch offers:
#   ep.txt        print(ep)
#   readable.txt  ep.graph_module.print_readable(print_output=False)
#   code.py       ep.graph_module.code
#   graph.txt     str(ep.graph)
#   model.pt2     torch.export.save(ep, ...)
# make_fx cases have no ExportedProgram: readable.txt, code.py and graph.txt of the traced module.
# MANIFEST.txt lists every case with its kind and forms, and the cases that did not export.
#
# Usage (from anywhere): python3 tests/real/generate.py [CASE...]
import os
import shutil
import sys
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "real")

os.chdir(ROOT)
sys.path.insert(0, OUT)

import torch  # noqa: E402

import models  # noqa: E402  (the loader; the zoo itself is compiled under a stable name)

FORMS_EXPORT = ("ep.txt", "readable.txt", "code.py", "graph.txt", "model.pt2")
FORMS_FX = ("readable.txt", "code.py", "graph.txt")


def write_forms(c, prog, d):
    os.makedirs(d, exist_ok=True)
    if c.kind == "make_fx":
        gm = prog
    else:
        gm = prog.graph_module
        with open(os.path.join(d, "ep.txt"), "w") as f:
            f.write(str(prog) + "\n")  # exactly what print(ep) writes
        torch.export.save(prog, os.path.join(d, "model.pt2"))
    with open(os.path.join(d, "readable.txt"), "w") as f:
        f.write(gm.print_readable(print_output=False))
    with open(os.path.join(d, "code.py"), "w") as f:
        f.write(gm.code)
    with open(os.path.join(d, "graph.txt"), "w") as f:
        f.write(str(gm.graph))


def main(argv):
    zoo = models.load()
    cases = zoo.all_cases()
    names = argv or sorted(cases)
    manifest = []
    for name in names:
        c = cases[name]
        d = os.path.join(OUT, name)
        if os.path.isdir(d):
            shutil.rmtree(d)
        try:
            prog = zoo.trace(c)
        except Exception as e:  # an ExportDB example that torch cannot export
            first = (str(e).strip().splitlines() or [type(e).__name__])[0][:160]
            manifest.append(f"{name}\t{c.source}\tnot exported: {type(e).__name__}: {first}")
            print(f"{name}: not exported ({type(e).__name__})", file=sys.stderr)
            if c.source == "zoo":
                traceback.print_exc()
            continue
        write_forms(c, prog, d)
        forms = FORMS_FX if c.kind == "make_fx" else FORMS_EXPORT
        manifest.append(f"{name}\t{c.source}\t{c.kind}\t{' '.join(forms)}")
        print(f"{name}: {c.kind}", file=sys.stderr)
    if not argv:
        with open(os.path.join(OUT, "MANIFEST.txt"), "w") as f:
            f.write(f"# written by tests/real/generate.py with torch {torch.__version__}\n")
            f.write("# case\tsource\tkind\tforms (or why it was not exported)\n")
            f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
