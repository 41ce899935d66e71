#!/usr/bin/env python3
"""Folder dependencies of cli/, derived from its #include "DIR/FILE.h" lines,
against the layers of docs/architecture.md:

  3  cmd                                   the face: options, messages, exit codes
  2  gate plan run render validate stack   the engines
  1  json hcl net vcs                      formats and services
  0  util                                  buffers, errors, files, YAML

A folder may include from a lower layer, or from its own layer as long as
no cycle forms; never from a higher one.  Edges that break this today and
are being removed are listed in KNOWN with the reason.

Usage: folder-deps.py [--dot] [SOURCE_DIR]
Prints every violation and exits 1 if there is any; --dot prints the graph
(Graphviz) instead.
"""
import os
import re
import sys

LAYERS = {
    "cmd": 3,
    "gate": 2, "plan": 2, "run": 2, "render": 2, "validate": 2, "stack": 2,
    "bundle": 2,
    # vcs maps changed paths to the components they affect: it renders the
    # old and new stack, so it sits beside the engines it uses
    "vcs": 2,
    "json": 1, "hcl": 1, "net": 1, "tfplan": 1,
    "util": 0,
}

# (from, to): why it is still there.  Empty: the run<->plan and net->gate
# cycles went with the tfplan/ reader and gate/sonar_fetch.c.
KNOWN = {}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_0-9]+)/[^"]+"', re.M)


def edges(root):
    found = {}
    cli = os.path.join(root, "cli")
    for folder in sorted(os.listdir(cli)):
        path = os.path.join(cli, folder)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            if not name.endswith((".c", ".h")):
                continue
            text = open(os.path.join(path, name), encoding="utf-8",
                        errors="replace").read()
            for target in INCLUDE.findall(text):
                if target != folder:
                    found.setdefault((folder, target), []).append(
                        f"cli/{folder}/{name}")
    return found


def cycles(graph):
    """Strongly connected components with more than one folder (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def main(argv):
    dot = "--dot" in argv
    argv = [a for a in argv if a != "--dot"]
    root = argv[0] if argv else os.path.join(os.path.dirname(__file__),
                                             "..", "..")
    found = edges(root)
    if dot:
        print("digraph cli {")
        for (a, b), files in sorted(found.items()):
            style = ' [style=dashed]' if (a, b) in KNOWN else ""
            print(f'  "{a}" -> "{b}"{style}; // {len(files)}')
        print("}")
        return 0
    bad = []
    for (a, b), files in sorted(found.items()):
        if (a, b) in KNOWN:
            continue
        if a not in LAYERS or b not in LAYERS:
            bad.append(f"{a} -> {b}: folder without a layer (add it to "
                       f"LAYERS): {' '.join(files)}")
        elif LAYERS[a] < LAYERS[b]:
            bad.append(f"{a} -> {b}: layer {LAYERS[a]} includes layer "
                       f"{LAYERS[b]}: {' '.join(files)}")
    graph = {}
    for (a, b) in found:
        if (a, b) not in KNOWN:
            graph.setdefault(a, set()).add(b)
    for comp in cycles(graph):
        bad.append("cycle between folders: " + " ".join(comp))
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
