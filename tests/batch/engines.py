"""Run lerbridge.batch.Partition on a JSON Lines file through a real engine and print the
results as JSON: ``python engines.py dask|spark INPUT.jsonl TARGET``. Run by test_batch.py in
a child process (engines start servers and worker processes of their own). Connections
other than loopback raise, as in the test suite. Exit status 3 means the engine itself
could not start (the test then skips, saying why)."""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import sys
from typing import Any

from lerbridge.batch import Partition

START_FAILED = 3


def _loopback_only() -> None:
    original = socket.socket.connect

    def connect(self: socket.socket, address: Any, *args: Any, **kwargs: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0]
            ok = host == "localhost" or ipaddress.ip_address(host).is_loopback
            if not ok:
                raise RuntimeError(f"network access in a batch test: connect to {address!r}")
        return original(self, address, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign]


def run_dask(path: str, to: str) -> list[dict[str, Any]]:
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    try:
        cluster = LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        )
        client = Client(cluster)
    except Exception as exc:  # the engine, not lerbridge
        print(f"dask LocalCluster could not start: {exc!r}", file=sys.stderr)
        sys.exit(START_FAILED)
    with cluster, client:
        bag = db.read_text(path, blocksize=4096).map_partitions(Partition(to=to))
        assert bag.npartitions > 1, "the input must really be split"
        return list(bag.compute())


def run_spark(path: str, to: str) -> list[dict[str, Any]]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    try:
        spark = (
            SparkSession.builder.master("local[2]")
            .appName("lerbridge-batch-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate()
        )
    except Exception as exc:  # no Java, or the JVM refused to start
        print(f"Spark local[2] could not start: {exc!r}", file=sys.stderr)
        sys.exit(START_FAILED)
    try:
        rdd = spark.sparkContext.textFile(path, minPartitions=3)
        assert rdd.getNumPartitions() > 1, "the input must really be split"
        return rdd.mapPartitions(Partition(to=to)).collect()
    finally:
        spark.stop()


if __name__ == "__main__":
    engine, source, target = sys.argv[1:4]
    _loopback_only()
    results = {"dask": run_dask, "spark": run_spark}[engine](source, target)
    sys.stdout.write(json.dumps(results))
