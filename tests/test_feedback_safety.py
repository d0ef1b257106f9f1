"""Feedback HTML runs nothing a learner's code wrote, shows no hidden test, stays small;
the instructor's terminal summary and CSV carry no control characters or formulas.

(course_lib/nbgrader_ext.py: SafeFeedback, HideHiddenTests; course_lib/grading/sanitize.py;
BatchReport.table and write_csv in course_lib/grading/report.py.)
"""
from __future__ import annotations

import base64
import copy
import csv

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell

from course_lib.grading.sanitize import csv_cell, printable
from course_lib.nbgrader_ext import HideHiddenTests, SafeFeedback, feedback_preprocessors

# A 1x1 PNG.
PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082")).decode()
SECRET = "assert secret_helper(3) == 42, 'the hidden check'"


def _notebook():
    test_source = ("# visible test\nassert relu(1) == 1\n### BEGIN HIDDEN TESTS\n" + SECRET +
                   "\nassert x\n### END HIDDEN TESTS")
    test = new_code_cell(test_source, metadata={"nbgrader": {"grade": True, "solution": False, "locked": True,
                                                                "grade_id": "t1", "points": 1}})
    test.outputs = [new_output("error", ename="AssertionError", evalue="",
                               traceback=["Traceback", f"----> 3 {SECRET}", "AssertionError: "])]
    leak = new_code_cell("print(In)")
    leak.outputs = [
        new_output("stream", name="stdout", text=repr(["", "import numpy", test_source]) + "\n"),
        new_output("stream", name="stdout", text=f"ok line\n{SECRET}\n    {SECRET}  \nlast line\n"),
        new_output("display_data", data={"text/html": f"<pre>{SECRET}</pre>"}),
        new_output("error", ename="ValueError", evalue=test_source, traceback=[test_source]),
    ]
    scripts = new_code_cell("show()", metadata={"tags": ['x" onmouseover="alert(\'tag\')'], "trusted": True})
    scripts.outputs = [
        new_output("display_data", data={"application/javascript": "alert('js')", "text/plain": "JS object"}),
        new_output("display_data", data={"application/javascript": "alert('js only')"}),
        new_output("display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "abc"},
                                         "text/plain": "IntSlider(value=0)"}),
        new_output("display_data", data={"application/vnd.bokehjs_exec.v0+json": "", "text/plain": "bokeh"}),
        new_output("execute_result", execution_count=3,
                   data={"text/html": "<script>alert('html')</script><b>bold</b>", "text/plain": "HTML object"}),
        new_output("display_data", data={"text/html": "<img src=x onerror=alert('img')>"}),
        new_output("display_data", data={"text/markdown": "<script>alert('md output')</script>"}),
        new_output("display_data", data={"text/latex": "$x$", "image/png": PNG, "text/plain": "<Figure>"},
                   metadata={"image/png": {"width": 100, "height": "1 onerror=alert('w')"}}),
        new_output("display_data", data={"image/png": 'x" onerror="alert(\'png\')'}),
        new_output("display_data", data={"image/svg+xml": "<svg xmlns='http://www.w3.org/2000/svg'>"
                                                          "<script>alert('svg')</script></svg>"}),
        new_output("display_data", data={"image/svg+xml": "<svg xmlns='http://www.w3.org/2000/svg'>"
                                                          "<rect width='1' height='1'/></svg>"}),
    ]
    big = new_code_cell("print('x' * 50_000)")
    big.outputs = [new_output("stream", name="stdout", text="x" * 50_000),
                   new_output("stream", name="stdout", text="after the cut")]
    markdown = new_markdown_cell("My notes <script>alert('markdown')</script> "
                                 "<img src=x onerror=alert('markdown img')> [link](javascript:alert('link'))")
    raw = new_raw_cell("<script>alert('raw')</script>")
    nb = new_notebook(cells=[test, leak, scripts, big, markdown, raw])
    nb.cells[2].execution_count = "<script>alert('count')</script>"  # what a patched kernel could report
    return nb


def _preprocess(nb, **config):
    resources = {}
    for cls in (SafeFeedback, HideHiddenTests):
        nb, resources = cls(**config).preprocess(nb, resources)
    return nb, resources


def _texts(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts += [out.get("text", ""), out.get("evalue", ""), *out.get("traceback", [])]
            parts += [v for v in out.get("data", {}).values() if isinstance(v, str)]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def cleaned():
    return _preprocess(copy.deepcopy(_notebook()))


def test_only_safe_output_types_remain(cleaned):
    nb, _ = cleaned
    mimes = {m for c in nb.cells for o in c.get("outputs", []) for m in o.get("data", {})}
    assert mimes <= {"text/plain", "image/png", "image/jpeg", "image/svg+xml"}
    outs = nb.cells[2].outputs
    assert outs[0].data == {"text/plain": "JS object"}
    assert "application/javascript" in outs[1].data["text/plain"] and "not shown" in outs[1].data["text/plain"]
    assert outs[4].data == {"text/plain": "HTML object"}                      # html: its text/plain sibling
    assert outs[4].execution_count == 3
    assert outs[5].data == {"text/plain": "<img src=x onerror=alert('img')>"}  # html alone: shown as text
    assert outs[6].data == {"text/plain": "<script>alert('md output')</script>"}
    assert outs[7].data["image/png"] == PNG and outs[7].metadata == {"image/png": {"width": 100}}  # figure kept
    assert "image/png" not in outs[8].data and "not a valid image" in outs[8].data["text/plain"]
    assert "image/svg+xml" not in outs[9].data
    assert "image/svg+xml" in outs[10].data                                    # a plain SVG is kept
    assert nb.cells[2].execution_count is None and nb.cells[2].metadata == {"trusted": False}
    assert nb.metadata["trusted"] is False
    assert nb.cells[0].metadata["nbgrader"]["grade_id"] == "t1"                # grading metadata kept


def test_text_outputs_are_capped(cleaned):
    nb, _ = cleaned
    outs = nb.cells[3].outputs
    assert len(outs) == 1 and outs[0].text.startswith("x" * 1000)
    assert len(outs[0].text) < 20_100 and outs[0].text.rstrip().endswith("[feedback: output cut]")


def test_notebook_output_cap_keeps_images_within_it():
    nb = new_notebook(cells=[new_code_cell("plot()") for _ in range(3)])
    for cell in nb.cells:
        cell.outputs = [new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})]
    nb, _ = _preprocess(nb, max_total_chars=2 * len(PNG) + 40)
    assert [("image/png" in c.outputs[0].data) for c in nb.cells] == [True, True, False]
    assert "size limit" in nb.cells[2].outputs[0].data["text/plain"]


def test_hidden_test_lines_never_reach_the_feedback(cleaned):
    nb, _ = cleaned
    text = _texts(nb)
    assert "secret_helper" not in text and "the hidden check" not in text
    assert "secret_helper" not in nb.cells[0].source
    assert "[hidden test text removed]" in text
    assert "ok line\n[hidden test text removed]\nlast line\n" in nb.cells[1].outputs[1].text
    assert "assert relu(1) == 1" in nb.cells[0].source   # the visible test stays
    # on its own (another pipeline), HideHiddenTests also cleans html outputs
    alone, _ = HideHiddenTests().preprocess(copy.deepcopy(_notebook()), {})
    assert "secret_helper" not in _texts(alone)


def test_rendered_feedback_runs_nothing(cleaned):
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="classic")
    for cls in (SafeFeedback, HideHiddenTests):
        exporter.register_preprocessor(cls, enabled=True)
    nb = _notebook()
    nb.cells[2].execution_count = None  # nbconvert itself refuses a notebook with a text one
    html, _ = exporter.from_notebook_node(nb)
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        assert "alert" not in script.get_text(), script
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.startswith("on"), tag
            assert "javascript:" not in str(value), tag
    assert "secret_helper" not in html
    assert f"data:image/png;base64,{PNG}" in html


def test_markdown_keeps_its_formatting_but_no_html():
    from pathlib import Path

    from nbconvert.filters.markdown import markdown2html

    safe = SafeFeedback()
    course = Path(__file__).resolve().parents[1] / "modules"
    cells = [c for p in sorted(course.glob("*/*.ipynb")) for c in nbformat.read(p, as_version=4).cells
             if c.cell_type == "markdown"]
    assert len(cells) > 50 and all(safe._safe_markdown(c) == c.source for c in cells)  # the course's: untouched
    for source in ["# Notes\n\n*mine* <script>alert('md')</script> <img src=x onerror=alert(1)> `<b>code</b>`",
                   "[a](javascript:alert(1)) [b](jav&#x61;script:alert(1)) [c](jav&amp;#x61;script:alert(1))",
                   "\\`<script>alert(1)</script>`", "`a\n\n<script>alert(1)</script>`", "<!-- --><style>x</style>",
                   "$\\href{javascript:alert(1)}{x}$", "[r]\n\n[r]: javascript:alert(1)"]:
        html = markdown2html(safe._safe_markdown(new_markdown_cell(source)))
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.find_all(["script", "style", "iframe"]), (source, html)
        for tag in soup.find_all(True):
            assert not any(n.startswith("on") for n in tag.attrs), (source, html)
            assert "javascript" not in str(tag.get("href", "")) + str(tag.get("src", "")), (source, html)
        assert "\\href" not in html
    html = markdown2html(safe._safe_markdown(new_markdown_cell("# Notes\n\n*mine* <script>x</script>")))
    assert "<h1" in html and "<em>mine</em>" in html and "&lt;script&gt;x" in html


def test_feedback_pipeline_sanitizes_before_hiding():
    names = [p.__name__ for p in feedback_preprocessors()]
    assert names.index("SafeFeedback") < names.index("HideHiddenTests") < names.index("CSSHTMLHeaderPreprocessor")


# -- the instructor's terminal and CSV -------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("plain José", "plain José"),
    ("a\x1b[2Jb", "a\\x1b[2Jb"),
    ("line\r\nforged: 4/4 ok", "line\\r\\nforged: 4/4 ok"),
    ("tab\there", "tab\\there"),
    ("bell\x07 c1\x9b del\x7f", "bell\\x07 c1\\x9b del\\x7f"),
    ("evil\u202etxt.exe \u2066x\u2069 \u202a\u202b\u202c\u202d", "evil\\u202etxt.exe \\u2066x\\u2069 "
                                                                  "\\u202a\\u202b\\u202c\\u202d"),
    ("zero\u200bwidth \u2028sep", "zero\\u200bwidth \\u2028sep"),
    ("bad byte \udcff", "bad byte \\udcff"),
])
def test_printable_escapes_controls(text, expected):
    assert printable(text) == expected


def test_printable_limit():
    assert printable("abcdef", 4) == "a..."
    assert printable("abc", 3) == "abc"
    assert len(printable("\x1b" * 100, 10)) <= 10 and printable("\x1b" * 100, 10).endswith("...")
    assert printable("x" * 10_000_000, 50) == "x" * 47 + "..."


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1", "'+1"), ("-1+2", "'-1+2"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\\t=1"), ("  =1", "'  =1"),
    ("alice", "alice"), ("note\nforged,row", "note\\nforged,row"),
    (-1.5, "-1.5"), (4.0, "4.0"), (3, "3"),
])
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected


def _results():
    from course_lib.grading.batch import LearnerResult

    evil = LearnerResult("mallory", status="ok", score=4.0, max_score=4.0,
                         notes=["=HYPERLINK(\"http://evil\")", "x\r\nalice  4.0  4.0  ok\x1b[2J", "rtl \u202eok"],
                         flags=["-2+3", "calls\nexec()"])
    return [LearnerResult("alice", score=4.0, max_score=4.0), evil]


def test_terminal_table_has_no_controls_or_forged_lines():
    from course_lib.grading.batch import BatchReport

    report = BatchReport("00_welcome", _results(), {}, None, None, 1.0)
    table = report.table()
    assert len(table.splitlines()) == 1 + 2 + 5  # header, two learners, mallory's 3 notes and 2 flags
    assert "\x1b" not in table and "\r" not in table and "\u202e" not in table
    assert "\\x1b[2J" in table and "\\r\\n" in table and "\\u202e" in table


def test_csv_has_no_controls_or_formulas(tmp_path):
    from course_lib.grading.report import write_csv

    path = write_csv({}, tmp_path / "grades.csv", _results())
    text = path.read_text()
    assert "\x1b" not in text and "\r" not in text.replace("\r\n", "\n") and "\u202e" not in text
    rows = list(csv.reader(open(path, newline="")))
    assert len(rows) == 3
    header, _, mallory = rows
    review, notes = mallory[header.index("review")], mallory[header.index("notes")]
    assert review.startswith("'-2+3") and "\\n" in review
    assert notes.startswith("'=HYPERLINK") and "\\r\\n" in notes
    assert mallory[header.index("total")] == "4.0"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
