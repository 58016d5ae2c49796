#!/usr/bin/env bash
# gags on Kubernetes, with executors from the image deploy/Dockerfile builds.
# Usage: deploy/submit-k8s.sh [spark-submit options...] -- COMMAND [ARGS...]
# Example (inside a pod, e.g. the CronJob in deploy/k8s/): GAGS_IMAGE=registry/gags:0.1.0 \
#   GAGS_PROFILES="cluster-gpu s3" deploy/submit-k8s.sh -- run --scenes s3a://b/scenes --out s3a://b/runs/r1
# Environment (besides deploy/lib/submit-common.sh's):
#   GAGS_IMAGE              the executor image (required)
#   GAGS_K8S_MASTER         the API server (default: https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT,
#                           i.e. the cluster this pod runs in)
#   GAGS_K8S_NAMESPACE      namespace of the executor pods (default: gags)
#   GAGS_K8S_SERVICE_ACCOUNT  service account allowed to create pods there (default: gags-spark)
#   GAGS_POD_TEMPLATE       executor pod template (default: deploy/k8s/executor-gpu.yaml when a GPU
#                           profile is among GAGS_PROFILES, none otherwise)
#   GAGS_DEPLOY_MODE        client (default: the driver is this process, in this pod) or cluster
#   POD_IP, HOSTNAME        in client mode, the driver pod's address and name (the downward API sets
#                           POD_IP in deploy/k8s/bench-sweep-cronjob.yaml): executors connect to
#                           the driver there and are deleted with the driver pod
# Not run here (no Kubernetes cluster).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/submit-common.sh"
[[ -n "${GAGS_IMAGE:-}" ]] || gags_die "set GAGS_IMAGE to the executor image (deploy/Dockerfile)"
api="${GAGS_K8S_MASTER:-https://${KUBERNETES_SERVICE_HOST:-}:${KUBERNETES_SERVICE_PORT:-443}}"
[[ "$api" != "https://:"* ]] || gags_die "set GAGS_K8S_MASTER to the API server URL (not running inside a pod)"
mode="${GAGS_DEPLOY_MODE:-client}"
k8s=(--deploy-mode "$mode"
  --conf "spark.kubernetes.container.image=$GAGS_IMAGE"
  --conf "spark.kubernetes.namespace=${GAGS_K8S_NAMESPACE:-gags}"
  --conf "spark.kubernetes.authenticate.driver.serviceAccountName=${GAGS_K8S_SERVICE_ACCOUNT:-gags-spark}")
template="${GAGS_POD_TEMPLATE:-}"
if [[ -z "$template" && " ${GAGS_PROFILES:-} " =~ \ (cluster-gpu|rapids)\  ]]; then
  template="$gags_root/deploy/k8s/executor-gpu.yaml"
fi
[[ -z "$template" ]] || k8s+=(--conf "spark.kubernetes.executor.podTemplateFile=$template")
if [[ "$mode" == client ]]; then
  [[ -n "${POD_IP:-}" ]] || gags_die "client mode runs the driver in this pod: set POD_IP (downward API status.podIP)"
  k8s+=(--conf "spark.driver.host=$POD_IP" --conf "spark.driver.bindAddress=0.0.0.0"
    --conf "spark.kubernetes.driver.pod.name=${HOSTNAME:?}")
fi
gags_submit "k8s://$api" "${k8s[@]}" "$@"
