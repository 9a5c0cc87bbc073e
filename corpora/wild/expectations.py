"""A plan's extraction against what corpora/wild/generate.py wrote for it, table by table.

``compare(plan, expected)`` → {"identity": (right, total), "projects.<field>": …, "part2": …,
"totals": …, "risks": …, "committee": …}; ``disagreements`` lists what differs, for a test's message. Text compares with
whitespace removed, list fields item by item, numbers exactly; Part 2 cells by seq and year.
"""

from __future__ import annotations

from collections.abc import Iterator

LIST_FIELDS = ("objectives", "method", "outputs", "outcomes", "risks", "controls")
IDENTITY = ("lao_name", "lao_type", "district", "province", "plan_start_be", "plan_end_be")


def squash(value: object) -> str:
    return "".join(str(value).split())


def agree(field: str, got: object, want: object) -> bool:
    if field in LIST_FIELDS:
        return [squash(i) for i in str(got).split("\n") if i.strip()] == [squash(i) for i in want]  # type: ignore[union-attr]
    if isinstance(want, str):
        return squash(got) == squash(want)
    return got == want


def _pairs(plan, expected: dict) -> Iterator[tuple[str, str, object, object]]:
    """(table, what, got, want) for every value the expectations hold."""
    for key in IDENTITY:
        yield "identity", key, getattr(plan.document, key), expected["document"][key]
    got = {p.seq: p for p in plan.projects}
    for want in expected["projects"]:
        project = got.get(want["seq"])
        for field, value in want.items():
            if field != "seq":
                yield f"projects.{field}", f"project {want['seq']} {field}", \
                    getattr(project, field) if project else None, value
    cells = {(b.seq, b.fiscal_year_be): b.budget_baht for b in plan.budgets if b.seq is not None}
    for seq, years in expected["budgets"].items():
        for year, value in years.items():
            yield "part2", f"Part 2 project {seq} {year}", cells.get((int(seq), int(year))), value
    for table, rows, got_rows in (("risks", expected["risks"], plan.risks), ("committee", expected["committee"],
                                                                           plan.committee)):
        by_no = {r.no: r for r in got_rows}
        for want in rows:
            row = by_no.get(want["no"])
            for field, value in want.items():
                if field != "no":
                    yield table, f"{table} {want['no']} {field}", getattr(row, field) if row else None, value
    totals = {(t.dimension_no, t.fiscal_year_be): t for t in plan.budget_totals}
    for want in expected["totals"]:
        t = totals.get((want["dimension_no"], want["fiscal_year_be"]))
        yield "totals", f"total of dimension {want['dimension_no']}", \
            (t.printed_baht, t.rows_sum_baht) if t else None, (want["printed_baht"], want["rows_sum_baht"])


def compare(plan, expected: dict) -> dict[str, tuple[int, int]]:
    out: dict[str, list[int]] = {}
    for table, what, got, want in _pairs(plan, expected):
        right_total = out.setdefault(table, [0, 0])
        right_total[1] += 1
        if got is not None and agree(what.split()[-1], got, want):
            right_total[0] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def disagreements(plan, expected: dict) -> list[str]:
    return [f"{what}: got {got!r}, want {want!r}" for _, what, got, want in _pairs(plan, expected)
            if got is None or not agree(what.split()[-1], got, want)]
