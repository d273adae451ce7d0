#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes the synthetic timelines of the layout corpus (tests/data/layout)
# that tests/render/test-layout-invariants.c lays out: run it from this
# folder after changing it, and commit what it writes.  Seeded, so the
# files come out the same every time.

import json
import random

rand = random.Random(20261207)


def write(name, doc):
    doc = dict(chronoscope=1, **doc)
    with open(name, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")


def date(y, m=1, d=1):
    return "%04d-%02d-%02d" % (y, m, d)


# Five events in one lane.
write("five-events.json", {
    "title": "Five events",
    "lanes": [{"id": "main", "title": "Main"}],
    "events": [
        {"id": "a", "lane": "main", "title": "Founded", "start": "1998-09-04"},
        {"id": "b", "lane": "main", "title": "First office", "start": "1999-03", "end": "2003-07"},
        {"id": "c", "lane": "main", "title": "Listed", "start": "2004-08-19"},
        {"id": "d", "lane": "main", "title": "Reorganised as a holding", "start": "2015-10-02"},
        {"id": "e", "lane": "main", "title": "New headquarters", "start": "2022"},
    ],
})

# A thousand events over 40 years in 6 lanes.
words = ["release", "meeting", "launch", "report", "review", "summit", "contract",
         "election", "merger", "study", "patent", "hearing", "strike", "treaty"]
lanes = [{"id": "l%d" % i, "title": "Track %d" % (i + 1)} for i in range(6)]
events = []
for i in range(1000):
    y = rand.randint(1985, 2024)
    e = {"id": "e%d" % i, "lane": "l%d" % rand.randint(0, 5),
         "title": "%s %s %d" % (rand.choice(words).capitalize(), rand.choice(words), i),
         "start": date(y, rand.randint(1, 12), rand.randint(1, 28))}
    if rand.random() < 0.3:
        e["end"] = date(y + rand.randint(1, 4), rand.randint(1, 12), rand.randint(1, 28))
    events.append(e)
write("thousand.json", {"title": "A thousand events", "lanes": lanes, "events": events})

# Very long titles.
long_titles = [
    "Gingrich refuses to get personal during Senate hearing on the budget and the shutdown that followed it",
    "A committee of inquiry publishes its four-volume report into the collapse of the regional savings banks",
    "Opening of the longest rail tunnel under the mountains after seventeen years of construction and three inquiries",
    "The ministry announces that all paper forms will be replaced by online services over the next ten years",
    "Merger talks between the two largest carriers end without agreement after regulators object to the routes",
    "Supreme Court rules that the 1987 statute does not apply to contracts signed abroad by subsidiaries",
]
write("long-titles.json", {
    "title": "Very long titles",
    "lanes": [{"id": "news", "title": "News"}, {"id": "law", "title": "Law"}],
    "events": [{"id": "t%d" % i, "lane": "news" if i % 2 == 0 else "law", "title": t,
                "start": date(1990 + 3 * i, 1 + i, 10)} for i, t in enumerate(long_titles)]
              + [{"id": "s%d" % i, "lane": "law", "title": t, "start": date(1991 + 3 * i, 6, 1),
                  "end": date(1993 + 3 * i, 2, 1)} for i, t in enumerate(long_titles[:3])],
})

# Deep time: billions and millions of years ago.
write("deep-time.json", {
    "title": "Deep time",
    "lanes": [{"id": "earth", "title": "Earth"}, {"id": "life", "title": "Life"}],
    "events": [
        {"id": "bang", "lane": "earth", "title": "Big Bang", "start": "-13800000000"},
        {"id": "earth", "lane": "earth", "title": "Earth forms", "start": "-4540000000"},
        {"id": "moon", "lane": "earth", "title": "Moon forms", "start": "-4510000000"},
        {"id": "ox", "lane": "earth", "title": "Great Oxidation Event", "start": "-2400000000", "end": "-2060000000"},
        {"id": "life", "lane": "life", "title": "First life", "start": "-3700000000"},
        {"id": "euk", "lane": "life", "title": "First eukaryotes", "start": "-2100000000"},
        {"id": "camb", "lane": "life", "title": "Cambrian explosion", "start": "-538800000", "end": "-485400000"},
        {"id": "dino", "lane": "life", "title": "Dinosaurs", "start": "-233230000", "end": "-66000000"},
        {"id": "kpg", "lane": "life", "title": "K–Pg extinction", "start": "-66000000"},
        {"id": "homo", "lane": "life", "title": "Homo sapiens", "start": "-300000"},
    ],
})

# One day, to the minute.
write("one-day.json", {
    "title": "One day",
    "lanes": [{"id": "room", "title": "Main room"}, {"id": "side", "title": "Side room"}],
    "events": [
        {"id": "d%d" % i, "lane": "room" if i % 3 else "side", "title": t,
         "start": "2024-03-14T%02d:%02d" % (8 + i // 2, 30 * (i % 2)),
         "end": "2024-03-14T%02d:%02d" % (8 + i // 2, 30 * (i % 2) + 25)}
        for i, t in enumerate(["Doors open", "Welcome", "Keynote", "Coffee", "Panel on archives",
                               "Lunch", "Workshop: dating sources", "Talk: maps", "Break",
                               "Lightning talks", "Closing remarks", "Drinks"])
    ] + [{"id": "fire", "lane": "side", "title": "Fire alarm test", "start": "2024-03-14T11:12"}],
})

# Dense lanes: many short events in three lanes over two years.
events = []
for i in range(420):
    lane = i % 3
    t = rand.randint(0, 729)
    y, doy = 2020 + t // 365, t % 365
    m, d = 1 + doy // 31 % 12, 1 + doy % 28
    e = {"id": "n%d" % i, "lane": "d%d" % lane, "title": "%s %d" % (rand.choice(words).capitalize(), i),
         "start": date(y, m, d)}
    if lane == 1:
        e["end"] = date(y, m, min(28, d + rand.randint(1, 20)))
    events.append(e)
write("dense-lanes.json", {
    "title": "Dense lanes",
    "lanes": [{"id": "d%d" % i, "title": "Dense %d" % (i + 1)} for i in range(3)],
    "events": events,
})

# One lane, as every TimelineJS import is.
write("one-lane.json", {
    "title": "One lane",
    "lanes": [{"id": "all", "title": "Timeline"}],
    "events": [{"id": "o%d" % i, "lane": "all", "title": "Milestone number %d of the project" % (i + 1),
                "start": date(2000 + i, 1 + (i * 5) % 12, 1 + (i * 7) % 28)} for i in range(24)],
})

# Appointments: 371 appointments in 8 lanes (one a president), most of
# them spans of a few months to years starting on the same few days.
first = ["Anne", "Robert", "Maria", "James", "Linda", "Carlos", "Susan", "David", "Helen", "Paul",
         "Nancy", "Frank", "Grace", "Henry", "Joan", "Louis", "Ruth", "Walter", "Alice", "Peter"]
last = ["Brown", "Miller", "Garcia", "Lee", "Walker", "Hall", "Young", "King", "Wright", "Scott",
        "Green", "Baker", "Adams", "Nelson", "Hill", "Ramirez", "Campbell", "Mitchell", "Roberts", "Carter"]
posts = ["Secretary of State", "Secretary of the Treasury", "Secretary of Defense", "Attorney General",
         "Secretary of the Interior", "Secretary of Agriculture", "Secretary of Commerce",
         "Secretary of Labor", "Secretary of Health", "Secretary of Housing", "Secretary of Transportation",
         "Secretary of Energy", "Secretary of Education", "Secretary of Veterans Affairs",
         "Chief of Staff", "Budget Director", "Trade Representative", "UN Ambassador"]
terms = [(1977, 4), (1981, 8), (1989, 4), (1993, 8), (2001, 8), (2009, 8), (2017, 4), (2021, 4)]
counts = [38, 52, 41, 55, 50, 54, 46, 35]
assert sum(counts) == 371
lanes, events = [], []
for p, ((year, length), n) in enumerate(zip(terms, counts)):
    lanes.append({"id": "p%d" % p, "title": "President %d (%d–%d)" % (p + 1, year, year + length),
                  "kind": "person"})
    for k in range(n):
        post = posts[k % len(posts)]
        if k < len(posts):
            start = (year, 1, 20 + k % 3)
        else:
            sy = year + rand.randint(0, length - 1)
            start = (sy, rand.randint(1, 12), rand.randint(1, 28))
        months = rand.randint(3, length * 12)
        ey = start[0] + (start[1] - 1 + months) // 12
        em = (start[1] - 1 + months) % 12 + 1
        ey, em = min((ey, em), (year + length, 1))
        events.append({"id": "a%d-%d" % (p, k), "lane": "p%d" % p,
                       "title": "%s %s, %s" % (rand.choice(first), rand.choice(last), post),
                       "start": date(*start), "end": date(ey, em, 20)})
write("appointments.json", {
    "title": "Cabinet appointments",
    "description": "Synthetic: 371 appointments under 8 presidents, one lane each.",
    "lanes": lanes,
    "events": events,
})
