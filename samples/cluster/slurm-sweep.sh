#!/usr/bin/env bash
# LookoutSim sweep on Slurm: an array job runs the shards, a dependent job merges them.
#
#   samples/cluster/slurm-sweep.sh SCENARIO RESULTS SHARDS [lookoutsim sweep options...]
#
#   export LOOKOUTSIM=/shared/lookoutsim/lookoutsim     # from: dotnet publish Simulator -c Release -o /shared/lookoutsim
#   samples/cluster/slurm-sweep.sh samples/sweep-units.yaml /shared/results/sweep-units 3
#   samples/cluster/slurm-sweep.sh samples/sweep-units.yaml /shared/results/sweep-units-2h 3 --set horizon=2h --replications 3
#   SWEEP_CPUS=8 SWEEP_MEM=8G SWEEP_PARTITION=long SWEEP_TIME=04:00:00 samples/cluster/slurm-sweep.sh ...
#
# Run it on the login node. It submits itself twice: as an array job of SHARDS tasks
# (--array=1-SHARDS), task K running `lookoutsim sweep SCENARIO --shard auto/SHARDS` into
# RESULTS/shard-K, and as a merge job that runs `lookoutsim merge RESULTS/shard-1 … shard-SHARDS
# --out RESULTS/sweep` only when every task succeeded (--dependency=afterok). If a task fails the
# merge job is cancelled (--kill-on-invalid-dep=yes) rather than pending forever. Options after
# SHARDS go to every `lookoutsim sweep` (--set PATH=VALUE, --seed, --replications, --i-know; the
# horizon is --set horizon=2h); --out, --shard, --parallel and --force are the script's own.
#
# What must be true on every node that may run a task:
# - LOOKOUTSIM, the scenario (and the traces it names) and RESULTS are at the same absolute paths
#   as on the login node: RESULTS must be on a filesystem shared by the login node and every
#   compute node (NFS, Lustre, GPFS, …), writable by you. The script turns SCENARIO, RESULTS and
#   LOOKOUTSIM into absolute paths before submitting, and the jobs run in RESULTS (--chdir), so
#   the folder you submit from need not exist on the nodes.
# - LOOKOUTSIM runs there: `dotnet publish Simulator -c Release -o DIR` needs the .NET runtime on
#   every node (DOTNET_ROOT, if it is not in /usr/share/dotnet); with `-r linux-x64 --self-contained`
#   DIR needs nothing else. The script checks LOOKOUTSIM (and the scenario, with `validate`) on
#   the login node at submit time, and each task checks LOOKOUTSIM again on its node.
# - bash, at /usr/bin/env bash.
#
# Results: RESULTS/shard-1 … shard-SHARDS, RESULTS/sweep (the merged sweep, the same as one
# `lookoutsim sweep` on one machine, wall times aside) and the jobs' logs in RESULTS/logs
# (lookoutsim-shard-ARRAYJOB_K.log, lookoutsim-merge-JOB.log). A RESULTS that already holds
# shard-* or sweep folders is refused: shards of an earlier submission (perhaps with another
# SHARDS) must not be merged with these.
#
# Resources, from the environment (defaults fit a small node; unset means the cluster's default):
#   LOOKOUTSIM        the lookoutsim executable (default: lookoutsim on PATH)
#   SWEEP_CPUS        CPUs per shard task, also its --parallel (default 1)
#   SWEEP_MEM         memory per shard task and for the merge (default 2G)
#   SWEEP_PARTITION   partition (default: the cluster's default partition)
#   SWEEP_TIME        time limit of each task and of the merge, e.g. 04:00:00 (default: the partition's)
#   SWEEP_SBATCH_OPTS more sbatch options for both jobs, split at spaces, e.g. "--account=plan --qos=low"
set -euo pipefail

usage="usage: slurm-sweep.sh SCENARIO RESULTS SHARDS [lookoutsim sweep options...]"
die() { echo "slurm-sweep.sh: $*" >&2; exit 2; }

case "${1:-}" in
  --task=shard)
    # One array task: shard K of N, K = SLURM_ARRAY_TASK_ID (the array is 1-N).
    shift
    LOOKOUTSIM=$1 SCENARIO=$2 RESULTS=$3 SHARDS=$4
    shift 4
    [ -x "$LOOKOUTSIM" ] || die "$LOOKOUTSIM is not an executable on node $(hostname)"
    export CI=true # plain progress lines in the log
    exec "$LOOKOUTSIM" sweep "$SCENARIO" --shard auto/"$SHARDS" --parallel "${SLURM_CPUS_PER_TASK:-1}" \
      --out "$RESULTS/shard-$SLURM_ARRAY_TASK_ID" --force "$@"
    ;;
  --task=merge)
    # The merge: exactly shard-1 … shard-N.
    shift
    LOOKOUTSIM=$1 RESULTS=$2 SHARDS=$3
    [ -x "$LOOKOUTSIM" ] || die "$LOOKOUTSIM is not an executable on node $(hostname)"
    shards=()
    for ((k = 1; k <= SHARDS; k++)); do shards+=("$RESULTS/shard-$k"); done
    export CI=true
    exec "$LOOKOUTSIM" merge "${shards[@]}" --out "$RESULTS/sweep" --force
    ;;
esac

# Submit, on the login node.
[ $# -ge 3 ] || die "$usage"
SCENARIO=$1 RESULTS=$2 SHARDS=$3
shift 3
[[ "$SHARDS" =~ ^[1-9][0-9]*$ ]] || die "SHARDS must be a whole number of at least 1 (got '$SHARDS')"
[ -f "$SCENARIO" ] || die "$SCENARIO: no such file"
command -v sbatch >/dev/null || die "sbatch not found: run this on a Slurm login node"

sets=() extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out|--out=*|--shard|--shard=*|--parallel|--parallel=*|--force)
      die "$1 is set by this script (RESULTS, SHARDS and SWEEP_CPUS choose them)" ;;
    --set) [ $# -ge 2 ] || die "--set needs PATH=VALUE"; sets+=("$1" "$2"); extra+=("$1" "$2"); shift 2 ;;
    --set=*) sets+=("$1"); extra+=("$1"); shift ;;
    *) extra+=("$1"); shift ;;
  esac
done

LOOKOUTSIM=${LOOKOUTSIM:-lookoutsim}
resolved=$(command -v "$LOOKOUTSIM" 2>/dev/null) \
  || die "LOOKOUTSIM=$LOOKOUTSIM not found: set LOOKOUTSIM to the lookoutsim executable on the shared filesystem (dotnet publish Simulator -c Release -o DIR gives DIR/lookoutsim)"
LOOKOUTSIM=$(realpath -e "$resolved")
[ -f "$LOOKOUTSIM" ] && [ -x "$LOOKOUTSIM" ] || die "LOOKOUTSIM=$LOOKOUTSIM is not an executable file"
"$LOOKOUTSIM" --version >/dev/null 2>&1 || die "$LOOKOUTSIM --version failed: is the .NET runtime installed (DOTNET_ROOT)?"
SCENARIO=$(realpath -e "$SCENARIO")
RESULTS=$(realpath -m "$RESULTS")
checked=$("$LOOKOUTSIM" validate "$SCENARIO" ${sets[@]+"${sets[@]}"} 2>&1) \
  || { echo "$checked" >&2; die "$SCENARIO is not valid (see above); nothing was submitted"; }

mkdir -p "$RESULTS/logs"
stale=$(cd "$RESULTS" && for f in shard-* sweep; do [ -e "$f" ] && printf ' %s' "$f"; done; true)
[ -z "$stale" ] || die "$RESULTS already holds$stale from an earlier submission; remove them (cd $RESULTS && rm -r$stale) or choose another RESULTS; nothing was submitted"

common=(--mem="${SWEEP_MEM:-2G}" --chdir="$RESULTS")
[ -n "${SWEEP_PARTITION:-}" ] && common+=(--partition="$SWEEP_PARTITION")
[ -n "${SWEEP_TIME:-}" ] && common+=(--time="$SWEEP_TIME")
# shellcheck disable=SC2206 # split at spaces on purpose
[ -n "${SWEEP_SBATCH_OPTS:-}" ] && common+=($SWEEP_SBATCH_OPTS)

array=$(sbatch --parsable "${common[@]}" --job-name=lookoutsim-shard --array=1-"$SHARDS" \
  --cpus-per-task="${SWEEP_CPUS:-1}" --output="$RESULTS/logs/%x-%A_%a.log" \
  "$0" --task=shard "$LOOKOUTSIM" "$SCENARIO" "$RESULTS" "$SHARDS" ${extra[@]+"${extra[@]}"})
array=${array%%;*}
merge=$(sbatch --parsable "${common[@]}" --job-name=lookoutsim-merge --cpus-per-task=1 \
  --dependency=afterok:"$array" --kill-on-invalid-dep=yes --output="$RESULTS/logs/%x-%j.log" \
  "$0" --task=merge "$LOOKOUTSIM" "$RESULTS" "$SHARDS") \
  || { scancel "$array"; die "the merge job was not accepted (see above); the array job $array was cancelled"; }
merge=${merge%%;*}
echo "submitted the shards as array job $array (tasks 1-$SHARDS) and the merge as job $merge"
echo "results: $RESULTS/sweep   logs: $RESULTS/logs   watch: squeue -j $array,$merge"
