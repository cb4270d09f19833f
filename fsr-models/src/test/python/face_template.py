"""Measures the nose and mouth-corner positions of the canonical 5-point template.

Each face's 5 points are put in an eye-normalised frame (left eye at (0, 0), right eye at
(1, 0), by a similarity), then the median over faces is taken. Run from the repository root:

    python3 fsr-models/src/test/python/face_template.py ../shared/datasets

Uses mtfl train (5 points as given) and landmarks68 train (eye centres = mean of the 6 eye
contour points, nose tip = point 30, mouth corners = points 48 and 54). Never the test splits.
"""
import csv
import sys

import numpy as np


def normalise(p):
    le, re = p[0], p[1]
    v = re - le
    d = np.hypot(*v)
    c, s = v / d
    rot = np.array([[c, s], [-s, c]])
    return (p - le) @ rot.T / d


def report(name, pts):
    q = np.array([normalise(p) for p in pts])
    med = np.median(q, axis=0)
    print(f"{name}: {len(q)} faces, eye-normalised median (u, v): "
          + ", ".join(f"({u:.3f}, {v:.3f})" for u, v in med[2:]))


root = sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets"
rows = list(csv.DictReader(open(f"{root}/mtfl/landmarks5.csv")))
mtfl = [np.array([[float(r[k + "x"]), float(r[k + "y"])] for k in ("le", "re", "n", "lm", "rm")])
        for r in rows if r["split"] == "train"]
report("mtfl train", mtfl)
l68 = []
for r in csv.DictReader(open(f"{root}/landmarks68/train.csv")):
    a = np.array([[float(r[f"x{i}"]), float(r[f"y{i}"])] for i in range(68)])
    l68.append(np.array([a[36:42].mean(0), a[42:48].mean(0), a[30], a[48], a[54]]))
report("landmarks68 train", l68)
