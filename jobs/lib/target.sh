# Shared by jobs/run-collection and jobs/bench-sweep (sourced): runs one gags command where
# GAGS_TARGET says.
#   GAGS_TARGET=local       jobs/gags (an embedded Spark in this JVM; the default)
#   GAGS_TARGET=standalone  deploy/submit-standalone.sh "$GAGS_MASTER" (spark://HOST:7077)
#   GAGS_TARGET=yarn        deploy/submit-yarn.sh (HADOOP_CONF_DIR names the cluster)
#   GAGS_TARGET=k8s         deploy/submit-k8s.sh (GAGS_IMAGE, and the pod's POD_IP in client mode)
# The cluster targets apply GAGS_PROFILES (deploy/lib/submit-common.sh); GAGS_SUBMIT_OPTS adds
# spark-submit options (split on spaces), e.g. "--conf spark.cores.max=64".

jobs_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

gags_on_target() {
  local opts=()
  # shellcheck disable=SC2206
  [[ -z "${GAGS_SUBMIT_OPTS:-}" ]] || opts=(${GAGS_SUBMIT_OPTS})
  case "${GAGS_TARGET:-local}" in
    local) "$jobs_root/jobs/gags" "$@" ;;
    standalone) "$jobs_root/deploy/submit-standalone.sh" "${GAGS_MASTER:?set GAGS_MASTER=spark://HOST:PORT}" "${opts[@]}" -- "$@" ;;
    yarn) "$jobs_root/deploy/submit-yarn.sh" "${opts[@]}" -- "$@" ;;
    k8s) "$jobs_root/deploy/submit-k8s.sh" "${opts[@]}" -- "$@" ;;
    *) echo "$(basename "$0"): GAGS_TARGET: expected local, standalone, yarn or k8s, found '$GAGS_TARGET'" >&2; return 2 ;;
  esac
}
