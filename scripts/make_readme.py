#!/usr/bin/python3
"""Writes README.md from scripts/README.in.md, running every example command.

A template line `@@ CMD` (or `@@40 CMD` to keep at most 40 lines of output)
becomes a console block with the command and what `build/kg` really printed,
so the README's examples are the program's output, not a memory of it.
Run from anywhere after building kg: /usr/bin/python3 scripts/make_readme.py
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIRECTIVE = re.compile(r"^@@(\d*) (.+)$")


def run(command, max_lines):
    # `kg` in the template is the freshly built binary; the shell runs pipes.
    shell_command = re.sub(r"(^|[|;&(] *)kg ", r"\1build/kg ", command)
    done = subprocess.run(shell_command, shell=True, cwd=ROOT, capture_output=True,
                          text=True, timeout=600, env={**os.environ, "COLUMNS": "120"})
    lines = (done.stdout + done.stderr).rstrip("\n").split("\n")
    if len(lines) > max_lines:
        lines = lines[:max_lines] + [f"… ({len(lines) - max_lines} more lines)"]
    if done.returncode != 0:
        lines.append(f"[exit status {done.returncode}]")
    lines = [line.rstrip() for line in lines]
    return "```console\n$ " + command + "\n" + "\n".join(lines) + "\n```"


def main():
    template = os.path.join(ROOT, "scripts", "README.in.md")
    out = []
    with open(template, encoding="utf-8") as f:
        for line in f:
            match = DIRECTIVE.match(line.rstrip("\n"))
            if match:
                max_lines = int(match.group(1) or 25)
                out.append(run(match.group(2), max_lines) + "\n")
            else:
                out.append(line)
    target = os.path.join(ROOT, "README.md")
    with open(target + ".tmp", "w", encoding="utf-8") as f:
        f.writelines(out)
    os.replace(target + ".tmp", target)
    print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
