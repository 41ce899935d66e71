#!/usr/bin/env python3
"""Function length and complexity of the C sources, curl's way (its
scripts/checksrc and the "complexity" CI job): a plain counter, no parser.

Our style puts a function's opening brace alone in column 0 and its closing
brace alone in column 0 (docs/style.md), so a function is the text between
the two; its name is the identifier before the first '(' of the lines
above the brace.  For each function it reports

  lines       lines of the body, braces excluded
  complexity  1 + decision points (if, for, while, case, &&, ||, ?:), i.e.
              McCabe's cyclomatic number as pmccabe and lizard count it
  depth       deepest brace nesting inside the body (1: nothing nested)

Usage: funcsize.py [--report] [--suggest] [--limits FILE] FILE...
With --limits, prints every function over a limit that FILE does not list
as an exception and exits 1 if there is any; with --suggest too, prints
them as "allow" lines to paste into FILE (each needs its reason).
"""
import re
import sys

DECISION = re.compile(r"\b(if|for|while|case)\b|&&|\|\||\?")
NAME = re.compile(r"([A-Za-z_]\w*)\s*\(")


def strip(text):
    """Blanks comments, string and character literals (keeps newlines)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (j - i - 1) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def nesting(text):
    """The deepest brace nesting of a body (1: nothing nested)."""
    level = deepest = 1
    for c in text:
        if c == "{":
            level += 1
            deepest = max(deepest, level)
        elif c == "}":
            level -= 1
    return deepest


def functions(path):
    lines = strip(open(path, encoding="utf-8", errors="replace").read())
    lines = lines.split("\n")
    start = None
    for no, line in enumerate(lines):
        if line == "{" and start is None:
            head = " ".join(lines[max(0, no - 4):no])
            m = NAME.search(head.split(";")[-1].split("}")[-1])
            if not m:   # a struct or array initializer, not a function
                continue
            start, name = no, m.group(1)
        elif line.startswith("}") and start is not None:
            body = lines[start + 1:no]
            text = "\n".join(body)
            depth = nesting(text)
            yield (name, no - start - 1, 1 + len(DECISION.findall(text)),
                   depth, start + 1)
            start = None


def load_limits(path):
    limits, exceptions = {}, {}
    for raw in open(path, encoding="utf-8"):
        line = raw.split("#", 1)[0].split()
        if not line:
            continue
        if line[0] == "limit":
            limits[line[1]] = int(line[2])
        elif line[0] == "allow":   # allow FILE:FUNCTION METRIC MAX
            exceptions[(line[1], line[2])] = int(line[3])
    return limits, exceptions


def main(argv):
    report = "--report" in argv
    suggest = "--suggest" in argv
    argv = [a for a in argv if a not in ("--report", "--suggest")]
    limits, exceptions = {}, {}
    if argv[:1] == ["--limits"]:
        limits, exceptions = load_limits(argv[1])
        argv = argv[2:]
    bad = 0
    for path in argv:
        for name, nlines, cplx, depth, at in functions(path):
            metrics = {"lines": nlines, "complexity": cplx, "depth": depth}
            if report:
                print(f"{nlines:4d} {cplx:3d} {depth:2d} {path}:{at}:{name}")
            for metric, value in metrics.items():
                key = (f"{path}:{name}", metric)
                limit = exceptions.get(key, limits.get(metric))
                if limit is not None and value > limit:
                    if suggest:
                        print(f"allow {path}:{name} {metric} {value}")
                    else:
                        print(f"{path}:{at}: {name}: {metric} {value} > "
                              f"{limit}")
                    bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
