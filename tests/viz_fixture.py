#!/usr/bin/python3
"""Writes a tiny graph.json with hostile names, for the viz script tests.

usage: viz_fixture.py OUT.json

Six entities whose names hold quotes, backslashes, Graphviz escapes, HTML,
entities, an emoji and Chinese; five relations, two dated, one from each of
two documents. The tests know these exact values.
"""
import json
import sys

NODES = [
    ("SAMR", "Agency", "国家市场监督管理总局", ["State Administration for Market Regulation"], ["a.txt"]),
    ('Q"uote', "Organization", 'He said "hi" \\N back\\slash', ["R&D; Lab, \"X\""], ["a.txt"]),
    ("<b>", "Committee", "<b>bold</b> & AT&T &lt;not a tag&gt;", [], ["b.txt"]),
    ("emoji", "Person", "Wang 😀 Wei", [], ["b.txt"]),
    ("GB/T 1.1-2020", "Standard", "Directives for standardization, Part 1", [], ["a.txt", "b.txt"]),
    ("lonely", "Law", "Law with\nnewline and\ttab", [], ["b.txt"]),
]
LINKS = [
    ("SAMR", "issued", "GB/T 1.1-2020", "2020-03", "", "a.txt", 3, 'SAMR issued "GB/T 1.1" <today> & more \\ end.'),
    ('Q"uote', "drafted", "GB/T 1.1-2020", "", "", "a.txt", 5, "Q drafted it."),
    ("emoji", "affiliated_with", 'Q"uote', "", "Director, \"acting\"", "b.txt", 1, "Wang 😀 Wei, Director."),
    ("<b>", "part_of", "SAMR", "2021", "", "b.txt", 7, "<b> is part of 国家市场监督管理总局."),
    ("SAMR", "cooperates_with", "emoji", "2019-05-01", "", "b.txt", 9, "They cooperate."),
]

nodes = [{"id": i, "type": t, "name": n, "aliases": a, "docs": d} for i, t, n, a, d in NODES]
links = []
for s, r, t, date, role, doc, line, text in LINKS:
    link = {"source": s, "target": t, "key": r, "relation": r,
            "evidence": [{"doc": doc, "line": line, "text": text}]}
    if date:
        link["date"] = date
    if role:
        link["role"] = role
    links.append(link)
graph = {"directed": True, "multigraph": True,
         "graph": {"documents": [{"name": "a.txt", "hash": "0", "bytes": 1},
                                 {"name": "b.txt", "hash": "1", "bytes": 1}]},
         "nodes": nodes, "links": links}
json.dump(graph, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
