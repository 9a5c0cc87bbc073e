"""The Part 2 reader on layouts the golden plan does not have, row by row (cells as the table
finder gives them), and the Part 2 ↔ Part 3 alignment."""

from __future__ import annotations

from extractors.summary_table import _Reader
from extractors.tables import Cell, CellLine, Row
from extractors.template import load
from pipeline import validate
from pipeline.link import align, link_to_part3

YEARS = ["ปี ๒๕๖๖", "ปี ๒๕๖๗", "ปี ๒๕๖๘", "ปี ๒๕๖๙", "ปี ๒๕๗๐"]
X = [0, 60, 140, 240, 300, 360, 420, 480, 540, 600]  # column edges


def _cell(col: int, lines: list[tuple[str, float]] | None) -> Cell | None:
    if lines is None:
        return None
    top = min((t for _, t in lines), default=0.0)
    return Cell((X[col], top, X[col + 1], top + 20), tuple(CellLine(t, y) for t, y in lines))


def _row(page: int, dimension=None, mission=None, project=None, years=None, note=None, merged=()) -> Row:
    """A row of the 9-column table; ``years`` is one list of (text, top) per year or one list for all."""
    years = years if years is not None else [[] for _ in YEARS]
    if years and not isinstance(years[0], list):
        years = [years] * len(YEARS)
    cols = [dimension or [], mission or [], project or [], *years, note or []]
    cells = tuple(None if i in merged else _cell(i, c) for i, c in enumerate(cols))
    top = min((t for c in cols for _, t in c), default=0.0)
    return Row(page, top, cells)


HEADER = _row(1, [("มิติ", 10)], [("ภารกิจตามมิติ", 10)], [("โครงการ/กิจกรรม/มาตรการ", 10)],
              [[(y, 10)] for y in YEARS], [("หมายเหตุ", 10)])


def _read(rows: list[Row], template: str = "nacc_2566_2570", source: str | None = None, spaces=None):
    """The table the rows make; ``source`` gives their page (1) as a text layer ("text") or an OCR
    reading ("ocr"), which some rules tell apart; ``spaces``: the plan's evidence for wrap spaces."""
    from types import SimpleNamespace

    pages = [SimpleNamespace(number=1, source=source, words=())] if source else []
    reader = _Reader(pages, load(template), "t", spaces=spaces)
    for row in [HEADER, *rows]:
        reader.feed(row)
    return reader.result()


def _yearly(table) -> dict[int | None, list[int]]:
    out: dict[int | None, list[int]] = {}
    for b in table.budgets:
        out.setdefault(b.seq, []).append(b.budget_baht)
    return out


def test_tall_mission_cell_with_figures_level_with_each_project():
    """One merged cell lists three projects "x.y.z (n)"; each year cell prints a figure or "-" level
    with its project's first line (the older generation's layout, the validation plan's)."""
    project = [("๑.๑.๑ (๑) โครงการอบรม", 100), ("คุณธรรม", 115), ("(๒) มาตรการ", 130), ("ป้องกัน", 145),
               ("๑.๑.๒ (๑) กิจกรรมเชิดชู", 160)]
    figures = [("๕๐,๐๐๐", 100), ("-", 130), ("๑๒,๐๐๐", 160)]
    table = _read([_row(1, [("๑. การสร้าง", 100)], [("๑.๑ การเสริม", 100)], project, figures),
                   _row(1, None, [("รวม", 200)], [("จำนวน ๓ โครงการ", 200)], [("๖๒,๐๐๐", 200)])])
    assert _yearly(table) == {1: [50000] * 5, 2: [0] * 5, 3: [12000] * 5}
    assert [table.projects[k][1] for k in (1, 2, 3)] == ["โครงการอบรมคุณธรรม", "มาตรการป้องกัน", "กิจกรรมเชิดชู"]
    assert {(t.dimension_no, t.printed_baht, t.rows_sum_baht, t.printed_project_count) for t in table.totals} \
        == {(1, 62000, 62000, 3)}
    assert not table.checks


def test_stacked_figures_one_per_project_in_order():
    project = [("๑) โครงการ ก", 100), ("๒) โครงการ ข", 120), ("๓) มาตรการ ค", 140)]
    stacked = [("๐", 100), ("๕๐,๐๐๐", 115), ("๐", 130)]  # not level with the projects: taken in order
    table = _read([_row(1, [("๑.", 100)], [("๑.๑", 100)], project, stacked)])
    assert _yearly(table) == {1: [0] * 5, 2: [50000] * 5, 3: [0] * 5}


def test_figures_no_line_or_count_ties_stay_unassigned():
    project = [("๑) โครงการ ก", 100), ("๒) โครงการ ข", 120), ("๓) มาตรการ ค", 140)]
    table = _read([_row(1, [("๑.", 100)], [("๑.๑", 100)], project, [("๐", 100), ("๕๐,๐๐๐", 112)])])
    assert _yearly(table) == {1: [0] * 5, None: [50000] * 5}
    assert [c.code for c in table.checks] == ["budget-figure-unassigned"]


def test_a_number_wrapped_over_lines_of_a_narrow_cell_is_joined():
    wrapped = [("๑", 100), (",๐๐๐,๐", 112), ("๐๐", 124), ("๕๐,๐๐", 150), ("๐", 162)]
    project = [("(๑) โครงการ ก", 100), ("(๒) โครงการ ข", 150)]
    table = _read([_row(1, [("๑.", 100)], [("๑.๑", 100)], project, wrapped)])
    assert _yearly(table) == {1: [1_000_000] * 5, 2: [50_000] * 5}


def test_a_wrapped_number_in_parentheses_starts_no_project():
    project = [("๑) โครงการ ก (ปณ", 100), ("๑๐๐)", 112), ("๒) โครงการ ข", 124)]
    table = _read([_row(1, [("๑.", 100)], [("๑.๑", 100)], project, [("๐", 100), ("๐", 124)])])
    # the name's lines join as a field's do (layout.join_lines: a word and a figure with a space)
    assert sorted(table.projects) == [1, 2] and table.projects[1][1] == "โครงการ ก (ปณ ๑๐๐)"


def test_a_wrapped_name_takes_the_space_the_pdf_printed_where_it_keeps_them():
    """A Word file keeps the space a line wrapped at (layout.PrintedSpaces): the name's lines join
    with it after the line that printed one and without it after the one that did not, whatever
    the plan's phrasing would say; a file that keeps none joins by the phrasing."""
    from pipeline.layout import PhraseSpaces

    def cell_line(text, top):
        return CellLine(text, top + 7, (140.0, top, 240.0, top + 14))

    class Printed:  # the PDF printed a space after the lines whose text ends "ประจำปี"
        def __init__(self, kept):
            self.kept = kept

        def after(self, lines):
            return [self.kept and line.text.endswith("ประจำปี") for line in lines]

    project = [("๑) โครงการตรวจสอบภายในประจำปี", 100), ("ขององค์การบริหาร", 114), ("ส่วนตำบล", 128)]
    row = _row(1, [("๑.", 100)], [("๑.๑", 100)], project, [("๐", 100)])
    row = Row(row.page, row.top, tuple(
        Cell(c.bbox, tuple(cell_line(ln.text, ln.middle) for ln in c.lines)) if c else c for c in row.cells))
    phrasing = ["ประจำปีของ"] * 3  # the plan prints the two words together, never apart
    kept = PhraseSpaces(phrasing, Printed(True))
    assert _read([row], spaces=kept).projects[1][1] == "โครงการตรวจสอบภายในประจำปี ขององค์การบริหารส่วนตำบล"
    dropped = PhraseSpaces(phrasing, Printed(False))
    assert _read([row], spaces=dropped).projects[1][1] == "โครงการตรวจสอบภายในประจำปีขององค์การบริหารส่วนตำบล"


def test_a_garbled_entry_number_costs_that_entry_at_most():
    """OCR reads "๗)" as "๓ต)" (or loses it): on an OCR'd page the entry is still found when a kind
    word follows its garbled marker and its figures are level with it, and the entries after a lost
    one are entries still (their numbers skip one, a kind word follows); a skipped number with no
    kind word after it starts nothing (a wrapped "(ปณ ๑๐๐)"), nor does a sub-item "ก) กิจกรรม…".
    Before, every entry after the garbled one was lost."""
    first = [_row(1, [("๑.", 100)], [("๑.๑", 100)], [("๑) โครงการ ก", 100)], [("๑๐", 100)]),
             _row(1, None, None, [("๒) โครงการ ข", 130)], [("๒๐", 130)])]
    after = [_row(1, None, None, [("๔) มาตรการ ง", 190)], [("๔๐", 190)]),
             _row(1, None, None, [("๕) โครงการ จ", 220)], [("๕๐", 220)])]
    for marker in ("๓ต)", "อ )"):
        garbled = _row(1, None, None, [(f"{marker} กิจกรรม ค", 160)], [("๓๐", 160)])
        table = _read([*first, garbled, *after], source="ocr")
        assert _yearly(table) == {1: [10] * 5, 2: [20] * 5, 3: [30] * 5, 4: [40] * 5, 5: [50] * 5}
        assert table.projects[3][1] == "กิจกรรม ค"
    # a Thai letter before a bracket with no figure level with it is a sub-item of the entry above
    sub_item = _row(1, None, None, [("๒) โครงการ ข", 130), ("ก) กิจกรรมย่อย", 145)], [("๒๐", 130)])
    for source in ("text", "ocr"):
        assert sorted(k for k in _read([first[0], sub_item], source=source).projects if k) == [1, 2]
    lost = _row(1, None, None, [("ต่อ) ยังไม่ใช่", 160)], [("๓๐", 160)])  # "๓)" lost altogether
    table = _read([*first, lost, *after], source="ocr")
    assert [table.projects[k][1] for k in (1, 2, 3, 4)] == ["โครงการ ก", "โครงการ ขต่อ) ยังไม่ใช่", "มาตรการ ง",
                                                            "โครงการ จ"]
    plain = _row(1, None, None, [("๔) ต่อจากบรรทัดก่อน", 190)], [("๔๐", 190)])
    assert sorted(k for k in _read([*first, plain], source="ocr").projects if k) == [1, 2]


def test_entries_after_lost_ones_are_entries_still_on_a_scan():
    """OCR loses the lines of entries ๓ to ๕ (a row read short): "๖) โครงการ…" runs on from ๒ past
    three lost numbers, a kind word after it, on an OCR'd page only; the entries after it are read
    on and a check says which numbers were skipped. Before, every entry after the lost ones was
    taken for a continuation line. Four lost numbers, or a text layer, still start nothing."""
    first = [_row(1, [("๑.", 100)], [("๑.๑", 100)], [("๑) โครงการ ก", 100)], [("๑๐", 100)]),
             _row(1, None, None, [("๒) โครงการ ข", 130), ("ต่อ", 145), ("๖) มาตรการ ฉ", 160),
                                  ("๗) กิจกรรม ช", 175)], [("๒๐", 130)])]
    table = _read(first, source="ocr")
    assert [table.projects[k][1] for k in (1, 2, 3, 4)] == ["โครงการ ก", "โครงการ ขต่อ", "มาตรการ ฉ", "กิจกรรม ช"]
    (skipped,) = [c for c in table.checks if c.code == "anchor-inferred"]
    assert "entry 6 follows entry 2" in skipped.message and skipped.page == 1
    assert sorted(k for k in _read(first, source="text").projects if k) == [1, 2]
    far = _row(1, None, None, [("๒) โครงการ ข", 130), ("๗) กิจกรรม ช", 175)], [("๒๐", 130)])
    assert sorted(k for k in _read([first[0], far], source="ocr").projects if k) == [1, 2]


def test_an_unread_cell_on_a_scan_is_what_its_subtotal_leaves():
    """On an OCR'd page, the one cell of a dimension and year left unread is the printed subtotal
    less the other rows, with an info check; a text layer's blank cell stays blank (the subtotal
    error is the plan's own then), and two unread cells leave both empty."""
    def read(source: str, project2: list, project1: list | None = None):
        return _read([_row(1, [("๑. การสร้าง", 100)], [("๑.๑ การเสริม", 100)], [("๑) โครงการ ก", 100)],
                            project1 or [("๑๐", 100)]),
                      _row(1, None, None, [("๒) โครงการ ข", 130)], project2),
                      _row(1, None, [("รวม", 200)], [("จำนวน ๒ โครงการ", 200)], [("๓๐", 200)])], source=source)

    one_unread = [[("๒๐", 130)], [], [("๒๐", 130)], [("๒๐", 130)], [("๒๐", 130)]]
    table = read("ocr", one_unread)
    assert _yearly(table) == {1: [10] * 5, 2: [20, 20, 20, 20, 20]}
    assert sorted(b.fiscal_year_be for b in table.budgets if b.seq == 2) == [2566, 2567, 2568, 2569, 2570]
    assert [c.code for c in table.checks] == ["budget-implied-by-total"] and "2567" in table.checks[0].message
    assert all(t.rows_sum_baht == t.printed_baht == 30 for t in table.totals)
    text_layer = read("text", one_unread)
    assert sorted(b.fiscal_year_be for b in text_layer.budgets if b.seq == 2) == [2566, 2568, 2569, 2570]
    both_unread = read("ocr", one_unread, [[("๑๐", 100)], [], [("๑๐", 100)], [("๑๐", 100)], [("๑๐", 100)]])
    assert not [b for b in both_unread.budgets if b.fiscal_year_be == 2567] and not both_unread.checks


def test_unnumbered_entries_start_at_a_kind_word():
    project = [("โครงการ ก", 100), ("ต่อ", 112), ("กิจกรรม ข", 124)]
    table = _read([_row(1, [("๑.", 100)], [("๑.๑", 100)], project, [("๑๐", 100), ("๒๐", 124)])])
    assert _yearly(table) == {1: [10] * 5, 2: [20] * 5}


def test_dimension_totals_without_a_grand_total_raise_no_error():
    """A total per dimension ("รวมมิติที่ ๑"), item counts, and no grand total: consistent, so no check."""
    rows = [_row(1, [("๑. การสร้าง", 100)], [("๑.๑", 100)], [("๑) โครงการ ก", 100)], [("๑๐", 100)]),
            _row(1, [("รวมมิติที่ ๑", 130)], None, [("๑ โครงการ", 130)], [("๑๐", 130)]),
            _row(1, [("๒. การบริหาร", 160)], [("๒.๑", 160)], [("๒) มาตรการ ข", 160)], [("๒๐", 160)]),
            _row(1, None, [("รวม", 190)], [("๑ มาตรการ ๑ กิจกรรม", 190)], [("๒๐", 190)])]
    table = _read(rows, "nacc_2561_2564")
    assert {(t.dimension_no, t.printed_baht, t.rows_sum_baht, t.printed_project_count) for t in table.totals} \
        == {(1, 10, 10, 1), (2, 20, 20, 2)}
    assert not validate.total_checks(table.totals) and not table.checks


def test_a_subtotal_that_does_not_add_up_is_reported_with_its_values():
    rows = [_row(1, [("๑. การสร้าง", 100)], [("๑.๑", 100)], [("๑) โครงการ ก", 100)], [("๑๐", 100)]),
            _row(1, None, [("รวม", 130)], [("จำนวน ๑ โครงการ", 130)], [("๑๕", 130)])]
    checks = validate.total_checks(_read(rows).totals)
    assert {(c.code, c.severity, c.page) for c in checks} == {("subtotal-mismatch", "error", 1)}
    assert "printed subtotal 15 baht, its rows add up to 10" in checks[0].message


def test_a_dimension_whose_cell_is_not_read_follows_the_subtotal():
    rows = [_row(1, [("๑. การสร้าง", 100)], [("๑.๑", 100)], [("๑) โครงการ ก", 100)], [("๑๐", 100)]),
            _row(1, None, [("รวม", 130)], [("จำนวน ๑ โครงการ", 130)], [("๑๐", 130)]),
            _row(2, None, [("๒.๑", 160)], [("๒) มาตรการ ข", 160)], [("๒๐", 160)]),
            _row(2, None, [("รวม", 190)], [("จำนวน ๑ โครงการ", 190)], [("๒๐", 190)]),
            _row(2, None, [("รวมทั้งสิ้น", 220)], [("จำนวน ๒ โครงการ", 220)], [("๓๐", 220)])]
    table = _read(rows)
    assert table.projects == {1: (1, "โครงการ ก"), 2: (2, "มาตรการ ข")}
    assert {t.dimension_no for t in table.totals} == {1, 2, None}
    assert not validate.total_checks(table.totals)
    assert [c.code for c in table.checks] == ["anchor-inferred"]


def test_alignment_pairs_by_order_and_name_whatever_the_numbering():
    part2 = ["๒.๕.๒ (๑) โครงการ “เชิดชูเกียรติ”", "(๒) มาตรการป้องกันผลประโยชน์ทับซ้อน (หมายเหตุ สป.)",
             "กิจกรรมที่ไม่มีในส่วนที่ ๓", "โครงการโครงการจัดเวทีประชาคม"]
    part3 = ["โครงการเชิดชูเกียรติ", "มาตรการป้องกันผลประโยชน์ทับซ้อน", "โครงการจัดเวทีประชาคมเพื่อรับฟัง",
             "โครงการตรวจสอบภายใน"]
    assert align(part2, part3) == [(0, 0), (1, 1), (3, 2)]


def test_link_renumbers_part2_with_part3_sequence(kalasin_plan):
    """Part 2 entries carry the Part 3 seq they pair with; one that pairs with none loses it, with a check."""
    summary = _read([_row(1, [("๑.", 100)], [("๑.๑", 100)],
                          [("๑) โครงการอบรมที่ไม่มีในส่วนสาม", 100), ("๒) " + kalasin_plan.projects[0].name, 120)],
                          [("๕", 100), ("๗", 120)])])
    linked, checks = link_to_part3(summary, kalasin_plan.projects[:1])
    assert _yearly(linked) == {None: [5] * 5, 1: [7] * 5}
    assert [(c.code, c.page) for c in checks] == [("part2-entry-unpaired", 1)]


def test_one_zero_for_two_projects_gives_each_zero():
    """One "๐" per year printed for two projects: two non-negative figures adding up to 0 are both 0."""
    project = [("๑) โครงการ ก", 100), ("๒) โครงการ ข", 120)]
    table = _read([_row(1, [("๑.", 100)], [("๑.๑", 100)], project, [("๐", 110)])])
    assert _yearly(table) == {1: [0] * 5, 2: [0] * 5}
    assert [c.code for c in table.checks] == ["budget-implied"]
    assert "projects 1, 2" in table.checks[0].message


def test_untied_figures_that_do_not_add_to_zero_stay_unassigned():
    project = [("๑) โครงการ ก", 100), ("๒) โครงการ ข", 120), ("๓) มาตรการ ค", 140)]
    table = _read([_row(1, [("๑.", 100)], [("๑.๑", 100)], project, [("๐", 100), ("๐", 130)])])
    assert _yearly(table) == {1: [0] * 5, 2: [0] * 5, 3: [0] * 5}  # the untied ๐ (130) adds up to 0: 2 and 3 are 0
    table = _read([_row(1, [("๑.", 100)], [("๑.๑", 100)], project, [("๐", 100), ("๕,๐๐๐", 130)])])
    assert _yearly(table) == {1: [0] * 5, None: [5000] * 5}


def test_a_printed_project_count_against_a_list_ocr_read_is_a_warning():
    """"จำนวน ๒ โครงการ" over a list of one: an error on a text layer; on a Part 2 OCR read (an entry's
    number or its row lost, as on the golden plan's office scan) a warning that says so."""
    rows = [_row(1, [("๑. การสร้าง", 100)], [("๑.๑", 100)], [("๑) โครงการ ก", 100)], [("๑๐", 100)]),
            _row(1, None, [("รวม", 130)], [("จำนวน ๒ โครงการ", 130)], [("๑๐", 130)])]
    table = _read(rows)
    printed = [(c.code, c.severity) for c in validate.part2_part3_checks(table, []) if "printed" in c.message]
    read = [c for c in validate.part2_part3_checks(table, [], frozenset({1})) if "printed" in c.message]
    assert printed == [("part2-count-mismatch", "error")]
    assert [(c.code, c.severity) for c in read] == [("part2-count-uncertain", "warning")]
    assert read[0].message.endswith("1 projects listed as OCR read them")


def test_a_grand_total_is_checked_against_the_subtotals_only_when_every_dimension_has_one_read():
    """A scan's dimension-2 subtotal row OCR did not read as one (its "รวม" lost: "จำนวน ๑ โครงการ"
    alone is still a total row; here its row is gone): the grand total is not compared with the one
    subtotal read (an error a flawless plan does not deserve), and its difference from the rows is
    a warning on a page OCR read, an error on a text layer."""
    rows = [_row(1, [("๑. การสร้าง", 100)], [("๑.๑", 100)], [("๑) โครงการ ก", 100)], [("๑๐๐", 100)]),
            _row(1, None, [("จำนวน ๑ โครงการ", 130)], None, [("๑๐๐", 130)]),
            _row(1, [("๒. การบริหาร", 160)], [("๒.๑", 160)], [("๒) มาตรการ ข", 160)], [("๒๐๐", 160)]),
            _row(1, None, [("มาตรการ ค", 190)], None, [("๑๕๐", 190)]),
            _row(1, None, [("รวมทั้งสิ้น", 220)], [("จำนวน ๓ โครงการ", 220)], [("๓๐๐", 220)])]
    table = _read(rows)
    assert {(t.dimension_no, t.printed_baht) for t in table.totals} == {(1, 100), (None, 300)}
    dims = frozenset(d for d, _ in table.projects.values() if d is not None)
    assert dims == {1, 2}
    on_text = validate.total_checks(table.totals, frozenset(), dims)
    on_scan = validate.total_checks(table.totals, frozenset({1}), dims)
    assert {(c.code, c.severity) for c in on_text} == {("grand-total-mismatch", "error")}
    assert "all rows add up to 450" in on_text[0].message
    assert [(c.code, c.severity) for c in on_scan] == [("total-uncertain", "warning")] * 5
    assert on_scan[0].message.endswith("the subtotal of dimension 2 was not read)")


def test_a_subtotal_off_in_one_year_only_is_a_warning_on_a_page_ocr_read():
    """A plan's figures repeat across its years; a misread cell does not. A subtotal that disagrees
    with its rows in one year while the same sum agrees in the others: on a page OCR read a warning
    (the blurred and 150-dpi scans of the synthetic plans), on a text layer an error; a subtotal
    off in every year (the golden plan's dimension 1) stays an error either way."""
    one_year = [[("๑๐๐", 130)], [("๗๐", 130)], [("๑๐๐", 130)], [("๑๐๐", 130)], [("๑๐๐", 130)]]
    rows = [_row(1, [("๑. การสร้าง", 100)], [("๑.๑", 100)], [("๑) โครงการ ก", 100)], [("๑๐๐", 100)]),
            _row(1, None, [("รวม", 130)], [("จำนวน ๑ โครงการ", 130)], one_year)]
    totals = _read(rows).totals
    assert [(c.code, c.severity) for c in validate.total_checks(totals)] == [("subtotal-mismatch", "error")]
    read = validate.total_checks(totals, frozenset({1}))
    assert [(c.code, c.severity) for c in read] == [("total-uncertain", "warning")]
    assert read[0].message.endswith("the same sum agrees in another year)")
    every_year = [_row(1, [("๑. การสร้าง", 100)], [("๑.๑", 100)], [("๑) โครงการ ก", 100)], [("๑๐๐,๐๐๐", 100)]),
                  _row(1, None, [("รวม", 130)], [("จำนวน ๑ โครงการ", 130)], [("๗๐,๐๐๐", 130)])]
    assert {c.code for c in validate.total_checks(_read(every_year).totals, frozenset({1}))} == {"subtotal-mismatch"}


def test_a_total_no_budget_prints_is_a_warning_on_a_page_ocr_read():
    """An office scan of narrow year columns whose figures wrap ("๑ / ,๐๐๐, / ๐๐๐"): the subtotal read
    as "1" and a row as 20,001; a difference no plan's figures make is the reading's on a page OCR
    read (a warning), the plan's on a text layer (an error)."""
    from pipeline.records import BudgetTotal

    totals = [BudgetTotal("d", 2, 2561, 1, 20_001, None, 6), BudgetTotal("d", 1, 2561, 1_330_000, 1_200_000, None, 5)]
    assert [(c.code, c.severity) for c in validate.total_checks(totals)] == [("subtotal-mismatch", "error")] * 2
    read = validate.total_checks(totals, frozenset({5, 6}))
    assert [(c.code, c.severity) for c in read] == [("total-uncertain", "warning"), ("subtotal-mismatch", "error")]
    assert read[0].message.endswith("no budget prints such a figure)")


def test_a_figure_wrapped_in_a_narrow_cell_as_ocr_reads_it():
    """A scan of a plan whose year columns are narrow: a figure wraps over three lines ("๑" /
    ",๐๐๐," / "๐๐๐") and OCR reads the pieces with specks, a comma set apart, lost or read as a stop;
    on an OCR'd page they join again; the "-" of the project below is its 0."""
    project = [("๑) โครงการ ก", 100), ("๒) โครงการ ข", 160)]
    years = [[("๑", 100), ("+ ๐๐๐ ,", 112), ("๐๐๐", 124), ("-", 160)],
             [("๑", 100), ("๐๐๐,", 112), ("๐๐๐", 124), ("-", 160)],
             [("๑", 100), (".๐๐๐", 112), ("๐๐๐", 124), ("-", 160)],
             [("๑", 100), (",000,", 112), ("๐๐๐", 124), ("-", 160)],
             [("๒", 100), ("๐,๐๐", 112), ("๐", 124), ("-", 160)]]
    table = _read([_row(1, [("๑.", 100)], [("๑.๑", 100)], project, years)], source="ocr")
    assert _yearly(table) == {1: [1_000_000] * 4 + [20_000], 2: [0] * 5}
    # a second figure that lost its first digit is not glued to the first (no budget of 10¹² baht)
    lost = [("๑", 100), ("๐๐๐,", 112), ("๐๐๐", 124), ("๐๐๐,", 160), ("๐๐๐", 172)]
    table = _read([_row(1, [("๑.", 100)], [("๑.๑", 100)], project, [lost] * 5)], source="ocr")
    assert _yearly(table)[1] == [1_000_000] * 5 and 2 not in _yearly(table)
