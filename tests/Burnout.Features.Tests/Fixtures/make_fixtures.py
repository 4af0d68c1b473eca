"""Cuts the small OULAD fixtures from /work/shared/data/oulad (run with any python3; lines are copied verbatim)."""
import gzip
import os

SRC = '/work/shared/data/oulad'
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'oulad')
STUDENTS = {
    ('AAA', '2013J', '2562034'), ('AAA', '2013J', '147793'),
    ('AAA', '2014J', '1676594'),
    ('BBB', '2013B', '534908'), ('BBB', '2013B', '200863'),
    ('BBB', '2013J', '245987'), ('BBB', '2013J', '536663'),
}
PRESENTATIONS = {(m, p) for m, p, _ in STUDENTS}
LAST_DAY_ROWS = 3  # rows kept from each presentation's last click day, so coverage can be detected from the fixture


def cells(line):
    return [c.strip('"') for c in line.rstrip('\r\n').split(',')]


def cut(name, keep, source=None):
    with gzip.open(source or os.path.join(SRC, name + '.gz'), 'rt', newline='') as f, \
            open(os.path.join(OUT, name), 'w', newline='') as out:
        header = f.readline()
        out.write(header)
        kept = 0
        for line in f:
            if keep(cells(line), line):
                out.write(line)
                kept += 1
    return kept


os.makedirs(OUT, exist_ok=True)

# Clicks: every row of the chosen students, plus a few rows of each presentation's last click day.
clicks = os.path.join(SRC, 'partial', 'studentVle_PARTIAL_prefix_1048575rows.csv.gz')
last = {}
with gzip.open(clicks, 'rt') as f:
    f.readline()
    for line in f:
        c = cells(line)
        last[(c[0], c[1])] = max(last.get((c[0], c[1]), -999), int(c[4]))
taken = {}
sites = set()
students_of_clicks = set()


def keep_click(c, _):
    key = (c[0], c[1])
    if (c[0], c[1], c[2]) in STUDENTS:
        sites.add(c[3])
        return True
    if key in PRESENTATIONS and int(c[4]) == last[key] and taken.get(key, 0) < LAST_DAY_ROWS:
        taken[key] = taken.get(key, 0) + 1
        sites.add(c[3])
        return True
    return False


print('studentVle', cut('studentVle.csv', keep_click, clicks))
print('courses', cut('courses.csv', lambda c, _: True))
print('assessments', cut('assessments.csv', lambda c, _: (c[0], c[1]) in PRESENTATIONS))
print('vle', cut('vle.csv', lambda c, _: c[0] in sites))
print('studentInfo', cut('studentInfo.csv', lambda c, _: (c[0], c[1], c[2]) in STUDENTS))
print('studentRegistration', cut('studentRegistration.csv', lambda c, _: (c[0], c[1], c[2]) in STUDENTS))
ids = {s for _, _, s in STUDENTS}
assessment_ids = set()
with open(os.path.join(OUT, 'assessments.csv')) as f:
    f.readline()
    for line in f:
        assessment_ids.add(cells(line)[2])
print('studentAssessment', cut('studentAssessment.csv', lambda c, _: c[1] in ids and c[0] in assessment_ids))
