#!/usr/bin/env bash
# LookoutSim sweep on Slurm: an array job runs the shards, a dependent job merges them.
#
#   samples/cluster/slurm-sweep.sh samples/line3.yaml results/line3 4
#
# Run on the login node, the script submits itself twice: as an array job of N tasks
# (--array=1-N), each running `lookoutsim sweep --shard auto/N`, and as a merge job that starts
# only when every task succeeded (--dependency=afterok). Inside a task, --shard auto/N takes K from
# SLURM_ARRAY_TASK_ID relative to SLURM_ARRAY_TASK_MIN, so --array=1-N and --array=0-(N-1) both
# work; the array must be one contiguous range with step 1 and N tasks.
#SBATCH --job-name=lookoutsim-sweep
#SBATCH --cpus-per-task=4
#SBATCH --mem=4G
#SBATCH --time=04:00:00
#SBATCH --output=%x-%A_%a.log
set -euo pipefail

SCENARIO=${1:?usage: slurm-sweep.sh SCENARIO RESULTS_DIR SHARDS}
RESULTS=${2:?usage: slurm-sweep.sh SCENARIO RESULTS_DIR SHARDS}
SHARDS=${3:?usage: slurm-sweep.sh SCENARIO RESULTS_DIR SHARDS}
MODE=${4:-submit}
LOOKOUTSIM=${LOOKOUTSIM:-lookoutsim}   # or: "dotnet /opt/lookoutsim/lookoutsim.dll"
export CI=true                          # plain progress lines in the job log

case "$MODE" in
  submit)
    mkdir -p "$RESULTS"
    array=$(sbatch --parsable --array=1-"$SHARDS" "$0" "$SCENARIO" "$RESULTS" "$SHARDS" shard)
    sbatch --parsable --dependency=afterok:"$array" --job-name=lookoutsim-merge --cpus-per-task=1 \
      "$0" "$SCENARIO" "$RESULTS" "$SHARDS" merge
    echo "submitted shards as job $array (tasks 1-$SHARDS) and the merge after it"
    ;;
  shard)
    $LOOKOUTSIM sweep "$SCENARIO" --shard auto/"$SHARDS" \
      --parallel "${SLURM_CPUS_PER_TASK:-1}" \
      --out "$RESULTS/shard-$SLURM_ARRAY_TASK_ID" --force
    ;;
  merge)
    $LOOKOUTSIM merge "$RESULTS"/shard-* --out "$RESULTS/sweep" --force
    ;;
  *)
    echo "unknown mode $MODE (submit, shard or merge)" >&2
    exit 2
    ;;
esac
