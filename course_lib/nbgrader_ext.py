"""nbgrader extensions used by the course's nbgrader_config.py.

:class:`StderrToStdout` runs right after execution when autograding. nbgrader
scores a test cell 0 when anything reaches stderr, but TensorFlow, absl and
Python's warnings write log lines there from perfectly correct code. A failing
test raises an exception (an ``error`` output), never just a stderr line, so
moving stderr text to stdout changes no honest grade; the text stays visible
in the feedback, marked ``[stderr]``.
"""
from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor


class StderrToStdout(NbGraderPreprocessor):
    """Turn stderr stream outputs into stdout ones (prefixed ``[stderr]``)."""

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    output["name"] = "stdout"
                    text = output.get("text", "")
                    output["text"] = "".join(f"[stderr] {line}" for line in text.splitlines(keepends=True))
        return cell, resources


def autograde_preprocessors() -> list:
    """nbgrader's default autograde pipeline, with differential grading in place of its
    Execute step (see course_lib/grading/nbgrader_route.py) and StderrToStdout after it."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        IgnorePattern,
        LimitOutput,
        SaveAutoGrades,
    )

    from .grading.nbgrader_route import DifferentialExecute

    return [
        DifferentialExecute,
        StderrToStdout,
        IgnorePattern,
        ClearMetadataPreprocessor,
        LimitOutput,
        SaveAutoGrades,
        AssignLatePenalties,
        CheckCellMetadata,
    ]


class UseExecuted(NbGraderPreprocessor):
    """Take outputs from a notebook already executed in the grading sandbox.

    ``course grade`` executes every submission in parallel, isolated workers
    and then lets nbgrader record the results. This step stands in for
    nbgrader's ``Execute``: it copies the outputs cell by cell from
    ``<executed_root>/<student>/<notebook>.ipynb`` (same cells, same order,
    as both come from the realigned submission).
    """

    from traitlets import Unicode

    executed_root = Unicode("", help="folder with <student>/<notebook>.ipynb executed notebooks").tag(config=True)

    def preprocess(self, nb, resources):
        import os

        import nbformat

        info = resources["nbgrader"]
        path = os.path.join(self.executed_root, info["student"], info["notebook"] + ".ipynb")
        executed = nbformat.read(path, as_version=4)
        if len(executed.cells) != len(nb.cells):
            raise ValueError(f"{path}: {len(executed.cells)} cells, expected {len(nb.cells)}")
        for cell, done in zip(nb.cells, executed.cells):
            if cell.cell_type == "code":
                cell.outputs = done.get("outputs", [])
                cell.execution_count = done.get("execution_count")
        return nb, resources


class HideHiddenTests(NbGraderPreprocessor):
    """Feedback without the hidden tests' code: their region is cut from the
    source, and a failing test cell shows only its message, not the traceback
    (which would quote the hidden line that failed).

    A learner's code can print the hidden tests too (IPython keeps every cell's
    input, hidden tests included, in ``In`` and ``_ih``): any line of any output
    of the notebook that contains a hidden line (of 12 characters or more,
    once stripped, and not also in the visible part of its cell), as written
    or as ``repr``, JSON or HTML would escape it, is replaced by
    ``[hidden test text removed]``.
    """

    begin = "### BEGIN HIDDEN TESTS"
    end = "### END HIDDEN TESTS"
    removed = "[hidden test text removed]"
    min_chars = 12

    def preprocess(self, nb, resources):
        self._needles = self._needles_of(nb.cells)
        try:
            return super().preprocess(nb, resources)
        finally:
            self._needles = None

    def _split(self, source: str) -> tuple[list, list]:
        """``(visible lines, hidden lines)`` of a cell's source."""
        keep, hidden_lines, hidden = [], [], False
        for line in source.splitlines():
            if line.strip() == self.begin:
                hidden = True
                keep.append("# (hidden tests: run by the grader, not shown)")
            elif line.strip() == self.end:
                hidden = False
            elif hidden:
                hidden_lines.append(line)
            else:
                keep.append(line)
        return keep, hidden_lines

    def _needles_of(self, cells) -> list:
        """The texts whose presence in an output line gives a hidden line away."""
        import html
        import json

        lines = set()
        for cell in cells:
            if cell.get("cell_type") != "code" or self.begin not in (cell.get("source") or ""):
                continue
            visible, hidden = self._split(cell.source)
            visible = {ln.strip() for ln in visible}
            lines |= {ln.strip() for ln in hidden if len(ln.strip()) >= self.min_chars} - visible
        needles = set()
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("\t", "\\t")
            needles |= {line, escaped, escaped.replace("'", "\\'"), escaped.replace('"', '\\"'),
                        json.dumps(line)[1:-1], json.dumps(line, ensure_ascii=False)[1:-1],
                        html.escape(line), html.escape(line, quote=False)}
        return sorted(needles, key=len, reverse=True)

    def _scrub(self, text, needles):
        if isinstance(text, list):
            text = "".join(str(t) for t in text)
        if not isinstance(text, str) or not any(n in text for n in needles):
            return text
        out = []
        for line in text.splitlines(keepends=True):
            if any(n in line for n in needles):
                end = "\n" if line.endswith(("\n", "\r")) else ""
                if out and out[-1].rstrip("\r\n") == self.removed:
                    out[-1] = self.removed + end
                else:
                    out.append(self.removed + end)
            else:
                out.append(line)
        return "".join(out)

    def _scrub_outputs(self, cell, needles) -> None:
        for out in cell.get("outputs", []):
            if "text" in out:
                out["text"] = self._scrub(out["text"], needles)
            for key in ("ename", "evalue"):
                if key in out:
                    out[key] = self._scrub(out[key], needles)
            if isinstance(out.get("traceback"), list):
                out["traceback"] = [self._scrub(t, needles) for t in out["traceback"]]
            data = out.get("data")
            if isinstance(data, dict):
                for mime in list(data):
                    if mime not in ("image/png", "image/jpeg"):
                        data[mime] = self._scrub(data[mime], needles)

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type != "code":
            return cell, resources
        needles = getattr(self, "_needles", None)
        if needles is None:  # called on its own, not through preprocess()
            needles = self._needles_of([cell])
        if self.begin in cell.source:
            keep, _ = self._split(cell.source)
            cell.source = "\n".join(keep)
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    out["traceback"] = [f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"]
        if needles:
            self._scrub_outputs(cell, needles)
        return cell, resources


class SafeFeedback(NbGraderPreprocessor):
    """Feedback HTML that runs nothing and stays small, whatever the learner's code output.

    Outputs are reduced to what the feedback needs and can show safely: text
    (streams, ``text/plain``, errors), PNG and JPEG images (valid base64 only)
    and SVG images without scripts (shown as images, never inlined). ``text/html``
    becomes its ``text/plain`` sibling, or its own text shown as text;
    ``text/markdown`` is shown as text; JavaScript, widget and every other
    type is dropped with a note. Each cell's text is capped at
    ``max_cell_chars`` and the notebook's outputs at ``max_total_chars``
    (images beyond it are replaced by a note). Learner cells' metadata other
    than nbgrader's is dropped, execution counts must be integers, raw cells
    are escaped, and the notebook is marked untrusted.

    Markdown cells (the learner's copies) keep their markdown but lose raw
    HTML: outside code, a ``<`` that would open a tag and an ``&`` that would
    start an entity are escaped (shown as typed), ``javascript:``-like links
    are broken, and attachments other than images are dropped. (nbconvert
    renders markdown links as given, ``javascript:`` included.)
    """

    from traitlets import Int

    max_cell_chars = Int(20_000, help="text characters of outputs shown per cell").tag(config=True)
    max_total_chars = Int(5_000_000, help="characters of outputs (images included) shown per notebook").tag(
        config=True)

    cut_note = "[feedback: output cut]"
    _TEXT_KEYS = ("text/plain", "text/markdown", "text/html")
    _IMAGES = ("image/png", "image/jpeg")

    def preprocess(self, nb, resources):
        # (nbconvert's own sanitize_html would also escape every <p> and <h1> of
        # rendered markdown: markdown cells are made safe here instead.)
        resources["should_not_encode_svg"] = False  # SVG only ever as <img>, where scripts do not run
        nb.metadata["trusted"] = False
        nb.metadata.pop("widgets", None)
        self._left = self.max_total_chars
        return super().preprocess(nb, resources)

    # -- text ----------------------------------------------------------------------
    @staticmethod
    def _text(value) -> str:
        if isinstance(value, list):
            return "".join(v if isinstance(v, str) else str(v) for v in value)
        return value if isinstance(value, str) else ("" if value is None else str(value))

    def _cap(self, text: str, state: dict, note: bool = False) -> str | None:
        """``text`` cut to what the cell's and the notebook's caps leave (None: nothing left).

        The feedback's own notes may go up to 100,000 characters over the notebook's cap.
        """
        allowed = min(state["left"], self._left + (100_000 if note else 0))
        if len(text) <= allowed:
            state["left"] -= len(text)
            self._left -= len(text)  # may go below 0 for notes: nothing but notes is shown then
            return text
        if state["cut"]:
            return None
        keep = text[:max(allowed, 0)]
        newline = keep.rfind("\n")
        if newline >= len(keep) // 2:  # cut at a line's end (no half line of anything)
            keep = keep[:newline + 1]
        state["left"] = 0
        self._left -= len(keep)
        state["cut"] = True
        return keep + ("" if not keep or keep.endswith("\n") else "\n") + self.cut_note + "\n"

    # -- images --------------------------------------------------------------------
    _BASE64 = None

    def _image(self, mime: str, value):
        import re

        data = self._text(value)
        if mime == "image/svg+xml":
            return data if self._svg_ok(data) else None
        if SafeFeedback._BASE64 is None:
            SafeFeedback._BASE64 = re.compile(r"[A-Za-z0-9+/=\s]*")
        return data if SafeFeedback._BASE64.fullmatch(data) else None

    @staticmethod
    def _svg_ok(data: str) -> bool:
        """Whether an SVG parses (safely) and holds no script, event handler, outside link or foreign content.

        (It is shown as an ``<img>``, where nothing in it runs or loads anyway.)
        """
        import re

        try:
            from defusedxml import ElementTree
        except ImportError:
            return False
        try:
            root = ElementTree.fromstring(data.encode("utf-8", "replace"))
        except Exception:
            return False
        for element in root.iter():
            tag = str(element.tag).rsplit("}", 1)[-1].lower()
            if tag in ("script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "set",
                       "animate", "animatetransform", "animatemotion"):
                return False
            for name, value in element.attrib.items():
                name, value = str(name).rsplit("}", 1)[-1].lower(), str(value).strip()
                if name.startswith("on") or re.search(r"(javascript|vbscript)\s*:", value, re.I):
                    return False
                if name == "href" and not re.match(r"#|data:image/(png|jpeg|gif);", value):
                    return False
        return True

    # -- markdown ----------------------------------------------------------------------
    _MD_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "em", "strong", "code", "pre", "ul", "ol",
                "li", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "del", "span", "div",
                "sup", "sub", "input"}
    _MD_ATTRS = {"href", "src", "alt", "title", "id", "class", "align", "style", "type", "checked", "disabled",
                 "start"}

    @staticmethod
    def _escape_markdown(source: str) -> str:
        """``source`` without raw HTML, entities or script links outside code (fences, code spans)."""
        import re

        fence = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*(?:\n.*?)??(?:\n {0,3}\1[`~]*[ \t]*(?=\n|\Z)|\Z)",
                           re.M | re.S)

        def text(part: str) -> str:
            part = re.sub(r"&(?=#?\w+;)", "&amp;", part)
            part = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", part)
            # MathJax commands that make links or set attributes
            return re.sub(r"\\(href|url|class|cssId|style|unicode)\b", r"\\text{\1}", part)

        out, pos = [], 0
        for m in fence.finditer(source):
            out.append(("text", source[pos:m.start()]))
            out.append(("code", m.group(0)))
            pos = m.end()
        out.append(("text", source[pos:]))
        result = []
        for kind, piece in out:
            if kind == "code":
                result.append(piece)
                continue
            last = 0
            for start, end in SafeFeedback._code_spans(piece):
                result += [text(piece[last:start]), piece[start:end]]
                last = end
            result.append(text(piece[last:]))
        return "".join(result)

    @staticmethod
    def _code_spans(text: str) -> list:
        """``(start, end)`` of the code spans of markdown ``text``, in linear time: a run of
        backticks opens one, closed by the next run as long in the same paragraph."""
        import bisect
        import re

        runs = [m.span() for m in re.finditer(r"`+", text)]
        breaks = [m.start() for m in re.finditer(r"\n[ \t]*\n", text)]
        paragraph = [bisect.bisect(breaks, start) for start, _ in runs]
        following: list = [None] * len(runs)
        last: dict = {}
        for i in range(len(runs) - 1, -1, -1):
            key = (paragraph[i], runs[i][1] - runs[i][0])
            following[i] = last.get(key)
            last[key] = i
        spans, i = [], 0
        while i < len(runs):
            j = following[i]
            start = runs[i][0]
            if j is not None and not (start and text[start - 1] == "\\"):
                spans.append((start, runs[j][1]))
                i = j + 1
            else:
                i += 1
        return spans

    @classmethod
    def _html_is_safe(cls, html: str) -> bool:
        """Whether rendered markdown holds only harmless tags, attributes and links."""
        import re
        from html.parser import HTMLParser

        problems = []

        class Check(HTMLParser):
            def handle_starttag(self, tag, attrs):
                if tag not in cls._MD_TAGS:
                    problems.append(tag)
                for name, value in attrs:
                    value = re.sub(r"[\x00-\x20]+", "", value or "")
                    if name not in cls._MD_ATTRS or (name == "style" and re.search(r"url|expression|@", value, re.I)):
                        problems.append(name)
                    elif name in ("href", "src") and re.match(r"[a-z][a-z0-9+.-]*:", value, re.I) and \
                            not re.match(r"(https?|mailto):|data:image/(png|jpeg|gif);", value, re.I):
                        problems.append(value)

            handle_startendtag = handle_starttag

            def handle_comment(self, data):
                problems.append("comment")

            def handle_pi(self, data):
                problems.append("pi")

            def handle_decl(self, decl):
                problems.append("decl")

            def unknown_decl(self, data):
                problems.append("decl")

        checker = Check(convert_charrefs=True)
        checker.feed(html)
        checker.close()
        return not problems

    def _safe_markdown(self, cell) -> str:
        """The learner's markdown made harmless (see the class's notes); shown as plain text
        (a code block) when even that renders to anything but harmless HTML."""
        source = self._text(cell.get("source"))
        escaped = self._escape_markdown(source) if len(source) <= 100_000 else None
        if escaped is None:  # far longer than any course cell: shown as text
            return self._as_text_block(source)
        try:
            from nbconvert.filters.markdown import markdown2html

            safe = self._html_is_safe(markdown2html(escaped))
        except Exception:
            safe = False
        return escaped if safe else self._as_text_block(source)

    @staticmethod
    def _as_text_block(source: str) -> str:
        import re

        ticks = max([len(t) for t in re.findall(r"`+", source)] + [2]) + 1
        return f"{'`' * ticks}text\n{source}\n{'`' * ticks}"

    # -- outputs -----------------------------------------------------------------------
    def _note(self, text: str, state: dict):
        from nbformat.v4 import new_output

        text = self._cap(f"[feedback: {text}]\n", state, note=True)
        return new_output("stream", name="stdout", text=text) if text else None

    def _data(self, out, state: dict):
        from nbformat.v4 import new_output

        data = out.get("data") if isinstance(out.get("data"), dict) else {}
        meta = out.get("metadata") if isinstance(out.get("metadata"), dict) else {}
        safe, safe_meta, dropped, images_dropped = {}, {}, [], []
        text = next((self._text(data[k]) for k in self._TEXT_KEYS if k in data), None)
        for mime in sorted(data):
            if mime in self._TEXT_KEYS:
                continue
            if mime in self._IMAGES or mime == "image/svg+xml":
                image = self._image(mime, data[mime])
                if image is None:
                    why = "not a valid image" if mime in self._IMAGES else "not a plain image (scripts or links)"
                    images_dropped.append(f"{mime}, {why}")
                elif len(image) > self._left:
                    images_dropped.append(f"{mime}, over the feedback's size limit of "
                                          f"{self.max_total_chars / 1e6:g} MB for a notebook's outputs")
                else:
                    self._left -= len(image)
                    safe[mime] = image
                    sizes = meta.get(mime) if isinstance(meta.get(mime), dict) else {}
                    sizes = {k: v for k, v in sizes.items() if k in ("width", "height")
                             and isinstance(v, int) and not isinstance(v, bool) and 0 < v < 100_000}
                    if sizes:
                        safe_meta[mime] = sizes
            else:
                dropped.append(mime)
        if text is not None:
            capped = self._cap(text, state)
            if capped is not None:
                safe["text/plain"] = capped
        # A note where something the learner would look for is missing: an image,
        # or the only representation of the output.
        missing = images_dropped + (dropped if not safe.get("text/plain", "").strip() else [])
        if missing:
            note = self._cap(f"[feedback: output not shown ({'; '.join(missing)})]", state, note=True)
            if note:
                plain = safe.get("text/plain", "")
                safe["text/plain"] = (plain + ("\n" if plain.strip() and not plain.endswith("\n") else "")
                                      if plain.strip() else "") + note
        if not safe:
            return None
        if out.get("output_type") == "execute_result":
            count = out.get("execution_count")
            count = count if isinstance(count, int) and not isinstance(count, bool) else None
            return new_output("execute_result", data=safe, metadata=safe_meta, execution_count=count)
        return new_output("display_data", data=safe, metadata=safe_meta)

    def _output(self, out, state: dict):
        from nbformat.v4 import new_output

        if not isinstance(out, dict):
            return None
        kind = out.get("output_type")
        if kind == "stream":
            text = self._cap(self._text(out.get("text")), state)
            name = out.get("name") if out.get("name") in ("stdout", "stderr") else "stdout"
            return new_output("stream", name=name, text=text) if text is not None else None
        if kind == "error":
            ename = self._text(out.get("ename"))[:200]
            evalue = self._cap(self._text(out.get("evalue")), state)
            tb = out.get("traceback") if isinstance(out.get("traceback"), list) else []
            text = self._cap("\n".join(self._text(t) for t in tb), state)
            return new_output("error", ename=ename, evalue=evalue or "",
                              traceback=text.split("\n") if text else [f"{ename}: {evalue or ''}"])
        if kind in ("display_data", "execute_result"):
            return self._data(out, state)
        return self._note(f"an output of type {str(kind)[:40]!r} not shown", state)

    def preprocess_cell(self, cell, resources, cell_index):
        import html

        from nbformat import NotebookNode

        nbgrader = cell.metadata.get("nbgrader") if isinstance(cell.get("metadata"), dict) else None
        cell.metadata = NotebookNode({"nbgrader": nbgrader} if isinstance(nbgrader, dict) else {})
        if cell.cell_type == "raw":
            cell.source = html.escape(self._text(cell.get("source")))
        if cell.cell_type == "markdown":
            attachments = cell.get("attachments")
            if isinstance(attachments, dict):  # images only (nbconvert makes data: links of them)
                cell.attachments = {name: {m: v for m, v in bundle.items()
                                           if m in ("image/png", "image/jpeg", "image/gif") and isinstance(v, str)
                                           and self._image("image/png", v) is not None}
                                    for name, bundle in attachments.items() if isinstance(bundle, dict)}
            cell.source = self._safe_markdown(cell)
        if cell.cell_type != "code":
            return cell, resources
        cell.metadata["trusted"] = False
        count = cell.get("execution_count")
        cell.execution_count = count if isinstance(count, int) and not isinstance(count, bool) else None
        state = {"left": self.max_cell_chars, "cut": False}
        outputs = cell.get("outputs") if isinstance(cell.get("outputs"), list) else []
        cell.outputs = [o for o in (self._output(out, state) for out in outputs) if o is not None]
        return cell, resources


def recorded_autograde_preprocessors() -> list:
    """Autograde pipeline for ``course grade``: outputs come from the sandbox."""
    pre = autograde_preprocessors()
    return [UseExecuted if p.__name__ == "DifferentialExecute" else p for p in pre]


def feedback_preprocessors() -> list:
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import GetGrades

    # SafeFeedback first: it bounds the outputs HideHiddenTests then searches.
    return [SafeFeedback, HideHiddenTests, GetGrades, CSSHTMLHeaderPreprocessor]
