#!/usr/bin/env bash
# gags on a Spark standalone cluster.
# Usage: deploy/submit-standalone.sh spark://HOST:7077 [spark-submit options...] -- COMMAND [ARGS...]
# Example: GAGS_PROFILES="cluster-cpu s3" deploy/submit-standalone.sh spark://master:7077 \
#            --conf spark.cores.max=64 -- run --scenes s3a://bucket/scenes --out s3a://bucket/runs/r1
# Client deploy mode (the driver runs here and prints the progress); pass --deploy-mode cluster to
# run the driver on a worker (then every path must exist there). Profiles, jars and the rest of the
# environment: deploy/lib/submit-common.sh. Executors need libtorch for the distill stage: set
# GAGS_LIBTORCH_JAR to the pytorch-native-cpu jar, or put it in the workers' $SPARK_HOME/jars.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/submit-common.sh"
master="${1:?usage: $0 spark://HOST:PORT [spark-submit options...] -- COMMAND [ARGS...]}"
shift
[[ "$master" == spark://* ]] || gags_die "expected the master as spark://HOST:PORT, found '$master'"
gags_submit "$master" "$@"
