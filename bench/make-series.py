#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes a timeline with one series of N points (default 100,000), one a
# day from 1990, for measuring how long a dense series takes to export:
#
#   bench/make-series.py 100000 > /tmp/series.json
#   time _build/src/chronoscope --export /tmp/series.png /tmp/series.json

import datetime
import json
import math
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
start = datetime.date(1990, 1, 1)
points = [[(start + datetime.timedelta(days=i)).isoformat(),
           round(50 + 40 * math.sin(i / 50.0) + i % 7, 2)] for i in range(n)]
json.dump({
    "chronoscope": 1,
    "title": "A dense series",
    "lanes": [{"id": "a", "title": "Sensor"}],
    "events": [{"id": "e", "lane": "a", "title": "Installed", "start": "1990"}],
    "series": [{"id": "s", "lane": "a", "title": "Reading", "points": points}],
}, sys.stdout)
