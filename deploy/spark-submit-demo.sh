#!/usr/bin/env bash
# Runs the gags demo through spark-submit. Usage: deploy/spark-submit-demo.sh OUT_DIR [spark-submit options...]
# Example: deploy/spark-submit-demo.sh /shared/gags-demo --master yarn --deploy-mode client
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: $0 OUT_DIR [spark-submit options...]}"
shift
[[ -f "$root/target/gags.jar" ]] || (cd "$root" && mvn -B -q -DskipTests package)
exec spark-submit --class org.gags.cli.GagsCommand "$@" "$root/target/gags.jar" demo --out "$out"
