"""``python -m benchmarks``: the same as ``python benchmarks/bench.py`` (same options)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the modules import each other flat

import bench

sys.exit(bench.main())
