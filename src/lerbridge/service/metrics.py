"""Request metrics in the Prometheus text exposition format (version 0.0.4), written by
hand: a counter of requests by route template, method and status, a latency histogram by
route, and the worker pool's gauges and counters. Labels are route templates, never raw
paths or values, so the series stay bounded."""

from __future__ import annotations

import threading
from collections import Counter, defaultdict

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: Counter[tuple[str, str, int]] = Counter()
        self.buckets: dict[str, list[int]] = defaultdict(lambda: [0] * len(BUCKETS))
        self.sums: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()
        self.in_flight = 0

    def observe(self, route: str, method: str, status: int, seconds: float) -> None:
        with self._lock:
            self.requests[(route, method, status)] += 1
            row = self.buckets[route]
            for i, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    row[i] += 1
            self.sums[route] += seconds
            self.counts[route] += 1

    def render(self, gauges: dict[str, tuple[str, str, float]]) -> str:
        """``gauges``: name -> (type, help, value) for the pool's figures."""
        out = [
            "# HELP lerbridge_http_requests_total HTTP requests by route, method and status.",
            "# TYPE lerbridge_http_requests_total counter",
        ]
        with self._lock:
            for (route, method, status), n in sorted(self.requests.items()):
                out.append(
                    f'lerbridge_http_requests_total{{route="{route}",method="{method}",'
                    f'status="{status}"}} {n}'
                )
            out += [
                "# HELP lerbridge_http_request_duration_seconds Request latency by route.",
                "# TYPE lerbridge_http_request_duration_seconds histogram",
            ]
            for route in sorted(self.counts):
                name = "lerbridge_http_request_duration_seconds"
                for bound, n in zip(BUCKETS, self.buckets[route], strict=True):
                    out.append(f'{name}_bucket{{route="{route}",le="{bound}"}} {n}')
                out.append(f'{name}_bucket{{route="{route}",le="+Inf"}} {self.counts[route]}')
                out.append(f'{name}_sum{{route="{route}"}} {self.sums[route]:.6f}')
                out.append(f'{name}_count{{route="{route}"}} {self.counts[route]}')
            out += [
                "# HELP lerbridge_http_requests_in_flight Requests being handled now.",
                "# TYPE lerbridge_http_requests_in_flight gauge",
                f"lerbridge_http_requests_in_flight {self.in_flight}",
            ]
        for name, (kind, help_text, value) in sorted(gauges.items()):
            out += [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}", f"{name} {value:g}"]
        return "\n".join(out) + "\n"
