# Shared by the deploy/submit-*.sh wrappers (sourced, not run). Builds and runs
#   spark-submit --master M [options] --properties-file <profiles' spark.* keys> [--jars ...]
#     --class org.gags.cli.GagsCommand <gags jar> <command> [--set <profiles' gags keys>...] [args]
#
# Environment:
#   GAGS_PROFILES      profiles to apply, in order, later ones winning: names of conf/NAME.properties
#                      or paths (default: cluster-cpu)
#   GAGS_JAR           the shaded jar (default: target/gags.jar beside deploy/, built when missing)
#   GAGS_LIBTORCH_JAR  libtorch natives for CPU executors that lack them (added to --jars)
#   GAGS_RAPIDS_JAR    the RAPIDS Accelerator jar, with the rapids profile (added to --jars)
#   SPARK_HOME         the Spark 3.5.5 installation whose bin/spark-submit runs (default: spark-submit on PATH)
#   GAGS_DRY_RUN=1     print the command and the profile files instead of running it
#
# A profile's spark.* keys go to spark-submit as a properties file; its other keys are gags keys and
# go to the gags command as --set key=value (for run, demo and sweep), before the command's own
# arguments, so the caller's --set still wins. Nothing is shipped to the driver, so this works in
# client and cluster deploy mode alike.

gags_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

gags_die() {
  echo "$(basename "$0"): $*" >&2
  exit 2
}

# Merges GAGS_PROFILES into $1/spark.properties (spark.* keys) and $1/gags.properties (the rest),
# one "key = value" per line, each key once with its last value. A profile is a name of
# conf/NAME.properties or a path.
gags_merge_profiles() {
  local dir="$1" files=() p
  for p in ${GAGS_PROFILES:-cluster-cpu}; do
    if [[ -f "$p" ]]; then
      files+=("$p")
    elif [[ -f "$gags_root/conf/$p.properties" ]]; then
      files+=("$gags_root/conf/$p.properties")
    else
      gags_die "profile '$p': expected conf/$p.properties or a file, found neither"
    fi
  done
  awk -v spark="$dir/spark.properties" -v gags="$dir/gags.properties" '
    /^[[:space:]]*(#|$)/ { next }
    {
      eq = index($0, "=")
      if (eq == 0) { printf "%s:%d: expected key = value, found: %s\n", FILENAME, FNR, $0 > "/dev/stderr"; bad = 1; exit 2 }
      key = substr($0, 1, eq - 1); value = substr($0, eq + 1)
      gsub(/^[[:space:]]+|[[:space:]]+$/, "", key); gsub(/^[[:space:]]+|[[:space:]]+$/, "", value)
      if (!(key in seen)) { order[++n] = key }
      seen[key] = value
    }
    END {
      if (bad) exit 2
      printf "" > spark; printf "" > gags
      for (i = 1; i <= n; i++) {
        k = order[i]
        print k " = " seen[k] > (k ~ /^spark\./ ? spark : gags)
      }
    }' "${files[@]}" </dev/null
}

# gags_submit MASTER [spark-submit options...] -- COMMAND [ARGS...]
gags_submit() {
  local master="$1"
  shift
  local opts=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do
    opts+=("$1")
    shift
  done
  [[ $# -ge 2 ]] || gags_die "expected [spark-submit options...] -- COMMAND [ARGS...] (e.g. -- run --scenes URI --out URI)"
  shift
  local command="$1"
  shift

  local tmp
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/gags-submit.XXXXXX")"
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" EXIT
  gags_merge_profiles "$tmp" || exit 2

  local sets=()
  if [[ "$command" == run || "$command" == demo || "$command" == sweep ]]; then
    local line
    while IFS= read -r line; do
      sets+=(--set "${line%% = *}=${line#* = }")
    done <"$tmp/gags.properties"
  fi

  local jars=()
  [[ -n "${GAGS_LIBTORCH_JAR:-}" ]] && jars+=("$GAGS_LIBTORCH_JAR")
  [[ -n "${GAGS_RAPIDS_JAR:-}" ]] && jars+=("$GAGS_RAPIDS_JAR")
  local jar_opts=()
  if [[ ${#jars[@]} -gt 0 ]]; then
    jar_opts=(--jars "$(IFS=,; echo "${jars[*]}")")
  fi

  local jar="${GAGS_JAR:-$gags_root/target/gags.jar}"
  if [[ -z "${GAGS_JAR:-}" && ! -f "$jar" && -z "${GAGS_DRY_RUN:-}" ]]; then
    (cd "$gags_root" && mvn -B -q -DskipTests package) || gags_die "building $jar failed"
  fi
  local submit="spark-submit"
  [[ -n "${SPARK_HOME:-}" ]] && submit="$SPARK_HOME/bin/spark-submit"

  local cmd=("$submit" --master "$master" "${opts[@]}" --properties-file "$tmp/spark.properties" "${jar_opts[@]}"
    --class org.gags.cli.GagsCommand "$jar" "$command" "${sets[@]}" "$@")
  if [[ -n "${GAGS_DRY_RUN:-}" ]]; then
    printf '%q ' "${cmd[@]}"
    echo
    echo "# $tmp/spark.properties:"
    cat "$tmp/spark.properties"
    return 0
  fi
  "${cmd[@]}" &
  local child=$!
  trap "kill -TERM $child 2>/dev/null" INT TERM
  local rc=0
  wait "$child" || rc=$?
  # wait returns early on a trapped signal: wait for the child to finish exiting
  while kill -0 "$child" 2>/dev/null; do
    wait "$child" || rc=$?
  done
  return "$rc"
}
