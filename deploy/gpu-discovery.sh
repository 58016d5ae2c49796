#!/usr/bin/env bash
# Spark GPU discovery script (as Spark's examples/src/main/scripts/getGpusResources.sh): prints the
# GPUs this executor (or standalone worker) may use as Spark's resource JSON,
#   {"name": "gpu", "addresses": ["0","1"]}
# Point spark.executor.resource.gpu.discoveryScript (and, on standalone workers,
# spark.worker.resource.gpu.discoveryScript) at it. The addresses are CUDA device indices as the
# process will see them: nvidia-smi's indices, or 0..n-1 when CUDA_VISIBLE_DEVICES limits the GPUs
# to n (CUDA renumbers them), so the address Spark hands a task is the device gags opens. Exits
# non-zero with the reason on stderr when nvidia-smi is missing, fails, or finds no GPU: Spark then
# refuses to start the executor instead of scheduling GPU tasks on a machine without one.
set -euo pipefail

fail() {
  echo "gpu-discovery: $*" >&2
  exit 1
}

command -v nvidia-smi >/dev/null 2>&1 || fail "nvidia-smi not found on PATH ($PATH): no NVIDIA driver in this container or host"
if ! indices="$(nvidia-smi --query-gpu=index --format=csv,noheader 2>&1)"; then
  fail "nvidia-smi --query-gpu=index failed: $indices"
fi
mapfile -t gpus < <(printf '%s\n' "$indices" | tr -d ' \r' | grep -E '^[0-9]+$' || true)
[[ ${#gpus[@]} -gt 0 ]] || fail "nvidia-smi lists no GPU (it printed: ${indices:-nothing})"

if [[ -n "${CUDA_VISIBLE_DEVICES+set}" ]]; then
  IFS=',' read -r -a visible <<<"$CUDA_VISIBLE_DEVICES"
  [[ ${#visible[@]} -gt 0 && "${visible[0]}" != "-1" && "${visible[0]}" != "NoDevFiles" ]] \
    || fail "CUDA_VISIBLE_DEVICES='$CUDA_VISIBLE_DEVICES' hides every GPU"
  [[ ${#visible[@]} -le ${#gpus[@]} ]] \
    || fail "CUDA_VISIBLE_DEVICES='$CUDA_VISIBLE_DEVICES' names ${#visible[@]} GPUs, nvidia-smi lists ${#gpus[@]}"
  gpus=()
  for ((i = 0; i < ${#visible[@]}; i++)); do gpus+=("$i"); done
fi

json=""
for g in "${gpus[@]}"; do
  json+="${json:+,}\"$g\""
done
echo "{\"name\": \"gpu\", \"addresses\": [$json]}"
