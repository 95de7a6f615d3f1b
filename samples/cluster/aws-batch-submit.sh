#!/usr/bin/env bash
# Submits a LookoutSim sweep to AWS Batch: the shards as an array job of N children (each runs
# `lookoutsim sweep --shard auto/N`; K = AWS_BATCH_JOB_ARRAY_INDEX + 1), then the merge as a job
# that depends on the whole array (AWS Batch starts it when every child has succeeded).
#
#   aws batch register-job-definition --cli-input-json file://samples/cluster/aws-batch-job.json
#   samples/cluster/aws-batch-submit.sh my-job-queue 4 /mnt/results/scenarios/line3.yaml /mnt/results/line3
set -euo pipefail
QUEUE=${1:?usage: aws-batch-submit.sh JOB_QUEUE SHARDS SCENARIO RESULTS}
SHARDS=${2:?usage: aws-batch-submit.sh JOB_QUEUE SHARDS SCENARIO RESULTS}
SCENARIO=${3:?usage: aws-batch-submit.sh JOB_QUEUE SHARDS SCENARIO RESULTS}
RESULTS=${4:?usage: aws-batch-submit.sh JOB_QUEUE SHARDS SCENARIO RESULTS}

env="[{\"name\":\"SHARDS\",\"value\":\"$SHARDS\"},{\"name\":\"SCENARIO\",\"value\":\"$SCENARIO\"},{\"name\":\"RESULTS\",\"value\":\"$RESULTS\"}]"

array=$(aws batch submit-job --job-name lookoutsim-shards --job-queue "$QUEUE" \
  --job-definition lookoutsim-sweep --array-properties size="$SHARDS" \
  --container-overrides "{\"environment\":$env}" \
  --query jobId --output text)

aws batch submit-job --job-name lookoutsim-merge --job-queue "$QUEUE" \
  --job-definition lookoutsim-sweep --depends-on jobId="$array" \
  --container-overrides "{\"environment\":$env,\"command\":[\"sh\",\"-c\",\"exec lookoutsim merge \\\"\$RESULTS\\\"/shard-* --out \\\"\$RESULTS/sweep\\\" --force\"]}" \
  --query jobId --output text >/dev/null
echo "submitted the shards as array job $array ($SHARDS children) and the merge after it"
