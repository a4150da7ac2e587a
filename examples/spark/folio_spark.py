#!/usr/bin/env python3
"""Run folio over a list of article paths with Apache Spark (PySpark).

Each partition of the path list starts folio once, feeds it the partition's
paths on standard input (`--files-from -`) and reads back one JSONL record
per article, in the same order. Spark only distributes the map step: folio
holds no state between articles, so any number of executors can run it.

    python3 folio_spark.py --folio target/release/folio --paths paths.txt \
        --out out/ --command entities --format jsonl --master 'local[2]'

On a cluster, drop --master and use spark-submit; the binary is shipped to
every executor with SparkContext.addFile (the same as spark-submit --files)
and found there with SparkFiles.get. See README.md beside this file.
"""

import argparse
import os
import subprocess
import threading

from pyspark import SparkFiles
from pyspark.sql import SparkSession

# folio's exit status when some articles failed: their error records are
# part of the output, so the partition still succeeds.
SOME_FAILED = 3


def folio_partition(binary_name, command, jobs):
    """A mapPartitions function: paths in, folio's JSONL lines out."""

    def run(paths):
        binary = SparkFiles.get(binary_name)
        # Files shipped with addFile may lose their executable bit.
        os.chmod(binary, 0o755)
        args = [binary, command, "--format", "jsonl", "--files-from", "-",
                "--quiet", "--jobs", str(jobs)]
        proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

        def feed():
            # A thread, so folio's output never fills the pipe while we write.
            try:
                for path in paths:
                    proc.stdin.write(path.encode("utf-8") + b"\n")
            finally:
                proc.stdin.close()

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        for line in proc.stdout:
            yield line.decode("utf-8").rstrip("\n")
        feeder.join()
        status = proc.wait()
        if status not in (0, SOME_FAILED):
            raise RuntimeError(f"folio exited with status {status}")

    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folio", required=True, help="path to the folio binary (Linux, for the executors)")
    parser.add_argument("--paths", required=True, help="text file (any Spark-readable URI) of article paths, one a line")
    parser.add_argument("--out", required=True, help="output folder (part-* files)")
    parser.add_argument("--command", default="entities", choices=["entities", "quotes", "export", "text"])
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "parquet"])
    parser.add_argument("--partitions", type=int, default=None, help="partitions of the path list (default: Spark's)")
    parser.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    args = parser.parse_args()

    builder = SparkSession.builder.appName("folio")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    sc.addFile(os.path.abspath(args.folio))
    # One folio thread per Spark task core: Spark runs a task per core.
    jobs = int(sc.getConf().get("spark.task.cpus", "1"))

    paths = sc.textFile(args.paths, minPartitions=args.partitions) if args.partitions else sc.textFile(args.paths)
    paths = paths.filter(lambda p: p.strip() != "")
    records = paths.mapPartitions(folio_partition(os.path.basename(args.folio), args.command, jobs))
    if args.format == "jsonl":
        records.saveAsTextFile(args.out)
    else:
        # One row per article; error records have `path` and `error` only.
        spark.read.json(records).write.parquet(args.out)
    spark.stop()


if __name__ == "__main__":
    main()
