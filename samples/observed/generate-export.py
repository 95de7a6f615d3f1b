#!/usr/bin/env python3
"""Writes a synthetic get-metric-data export for timing `lookoutsim import cloudwatch`.

    python3 samples/observed/generate-export.py DAYS PREFIX

DAYS days of 1-minute datapoints for 14 series (the 10 Lookout for Vision metrics LookoutSim reads
and 4 it ignores), newest first, in pages of 6 days: PREFIX-0.json, PREFIX-1.json, ...
The values are random: this file is for measuring speed and memory, not a realistic line.
"""
import datetime
import json
import math
import random
import sys

days, prefix = int(sys.argv[1]), sys.argv[2]
random.seed(1)
start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
n = days * 1440
names = ["SuccessfulRequestCount", "ErrorCount", "ThrottledCount", "InvalidImageCount", "ProcessedImageCount", "Time",
         "InServiceInferenceUnits", "DesiredInferenceUnits", "MinInferenceUnits", "MaxInferenceUnits",
         "DetectedAnomalyCount", "Extra1", "Extra2", "Extra3"]


def value(name, i):
    if name == "Time":
        return 150.0 + random.random() * 20
    if "Units" in name:
        return 2.0
    return float(int((300 + 200 * math.sin(i / 1440 * 2 * math.pi)) * random.random()))


series = {name: [value(name, i) for i in range(n)] for name in names}
stamps = [(start + datetime.timedelta(minutes=i)).isoformat() for i in range(n)]
page = 6 * 1440
for number, first in enumerate(range(0, n, page)):
    rows = list(range(first, min(n, first + page)))[::-1]
    doc = {"MetricDataResults": [{"Id": "m%d" % k, "Label": name, "Timestamps": [stamps[i] for i in rows],
                                  "Values": [series[name][i] for i in rows], "StatusCode": "Complete"}
                                 for k, name in enumerate(names)], "Messages": []}
    with open(f"{prefix}-{number}.json", "w") as f:
        json.dump(doc, f, indent=4)
