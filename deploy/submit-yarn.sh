#!/usr/bin/env bash
# gags on Hadoop YARN.
# Usage: deploy/submit-yarn.sh [spark-submit options...] -- COMMAND [ARGS...]
# Example: GAGS_PROFILES="cluster-gpu" deploy/submit-yarn.sh --queue gpu --num-executors 8 \
#            -- run --scenes hdfs:///gags/scenes --out hdfs:///gags/runs/r1
# Needs HADOOP_CONF_DIR (or YARN_CONF_DIR) naming the cluster. Client deploy mode unless
# GAGS_DEPLOY_MODE=cluster (the driver then runs in the application master's container: scene and
# output paths must be cluster URIs). GPU executors need YARN's GPU resource type
# (yarn.io/gpu) enabled; Spark maps spark.executor.resource.gpu.amount onto it. Profiles, jars and
# the rest of the environment: deploy/lib/submit-common.sh. Not run here (no YARN cluster).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/submit-common.sh"
[[ -n "${HADOOP_CONF_DIR:-}${YARN_CONF_DIR:-}" || -n "${GAGS_DRY_RUN:-}" ]] \
  || gags_die "set HADOOP_CONF_DIR (or YARN_CONF_DIR) to the folder with the cluster's yarn-site.xml"
gags_submit yarn --deploy-mode "${GAGS_DEPLOY_MODE:-client}" "$@"
