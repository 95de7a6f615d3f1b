#!/usr/bin/env bash
# Submits a LookoutSim sweep to AWS Batch: the shards as an array job of N children (each runs
# `lookoutsim sweep --shard auto/N` into RESULTS/shard-K, K = AWS_BATCH_JOB_ARRAY_INDEX + 1), then
# the merge of exactly shard-1 … shard-N into RESULTS/sweep as a job that depends on the whole
# array (AWS Batch starts it when every child has succeeded, and fails it when one has failed).
#
#   # once: the image (samples/cluster/Dockerfile) in your ECR repository, and the job definition
#   aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com
#   docker build -f samples/cluster/Dockerfile -t 123456789012.dkr.ecr.us-east-1.amazonaws.com/lookoutsim:0.1.0 .
#   docker push 123456789012.dkr.ecr.us-east-1.amazonaws.com/lookoutsim:0.1.0
#   aws batch register-job-definition --cli-input-json file://samples/cluster/aws-batch-job.json
#   # each sweep: the scenario on the EFS volume (mounted at /mnt/results in the jobs), then
#   samples/cluster/aws-batch-submit.sh my-job-queue 4 /mnt/results/scenarios/sweep-units.yaml /mnt/results/sweep-units
#
# SCENARIO and RESULTS are paths inside the containers, on the EFS volume of aws-batch-job.json
# (copy samples/sweep-units.yaml to scenarios/ on it first), which the image's non-root user
# (uid 1654) must be able to write: give the EFS access point that owner. Each shard replaces its
# own folder (--force: Batch retries a failed child); use a new RESULTS for each sweep, so that
# nothing of an earlier one is mixed in.
set -euo pipefail
usage="usage: aws-batch-submit.sh JOB_QUEUE SHARDS SCENARIO RESULTS"
QUEUE=${1:?$usage}
SHARDS=${2:?$usage}
SCENARIO=${3:?$usage}
RESULTS=${4:?$usage}
[[ "$SHARDS" =~ ^[1-9][0-9]*$ ]] || { echo "aws-batch-submit.sh: SHARDS must be a whole number of at least 1 (got '$SHARDS')" >&2; exit 2; }
[ "$SHARDS" -ge 2 ] || { echo "aws-batch-submit.sh: AWS Batch array jobs have 2 to 10,000 children (got $SHARDS)" >&2; exit 2; }
case "$SCENARIO$RESULTS" in
  *[\"\\]*) echo "aws-batch-submit.sh: SCENARIO and RESULTS must not contain \" or \\" >&2; exit 2 ;;
esac

env="[{\"name\":\"SHARDS\",\"value\":\"$SHARDS\"},{\"name\":\"SCENARIO\",\"value\":\"$SCENARIO\"},{\"name\":\"RESULTS\",\"value\":\"$RESULTS\"}]"

array=$(aws batch submit-job --job-name lookoutsim-shards --job-queue "$QUEUE" \
  --job-definition lookoutsim-sweep --array-properties size="$SHARDS" \
  --container-overrides "{\"environment\":$env}" \
  --query jobId --output text)

# The merge lists shard-1 … shard-SHARDS itself (a shard-* glob would take stale shards too).
merge_cmd='set --; k=1; while [ "$k" -le "$SHARDS" ]; do set -- "$@" "$RESULTS/shard-$k"; k=$((k + 1)); done; exec lookoutsim merge "$@" --out "$RESULTS/sweep" --force'
merge_json=$(printf '%s' "$merge_cmd" | sed 's/\\/\\\\/g; s/"/\\"/g')
merge=$(aws batch submit-job --job-name lookoutsim-merge --job-queue "$QUEUE" \
  --job-definition lookoutsim-sweep --depends-on jobId="$array" \
  --container-overrides "{\"environment\":$env,\"command\":[\"sh\",\"-c\",\"$merge_json\"]}" \
  --query jobId --output text)
echo "submitted the shards as array job $array ($SHARDS children) and the merge as job $merge"
