"""Bounds on what one executed notebook may write into its outputs (see :mod:`.worker`).

Per cell, text (streams, plain text) and pictures have their own caps: the output
that crosses a cap is cut (text) or dropped (a picture), later ones of the same
sort dropped, errors always kept; the whole notebook has a cap too. Check records
(:mod:`course_lib.records`) have their own budget per notebook. An output the
notebook format rejects is dropped with a note, never fatal.
"""
from __future__ import annotations

import json

import nbformat

from .. import records

MAX_OUTPUT_CHARS = 200_000        # per cell, text output; the rest is dropped with a note
MAX_IMAGE_CHARS = 5 << 20         # per cell, pictures (figures are the point of many cells)
MAX_NOTEBOOK_OUTPUT_CHARS = 20 << 20
MAX_RECORD_CHARS = 96 << 20       # check records of one notebook


def is_record(out) -> bool:
    data = out.get("data") if isinstance(out, dict) else None
    return records.carries_records(data)


def sort_of(out) -> str:
    """"text" for streams and text-only results, "image" for anything with a picture."""
    data = out.get("data") if isinstance(out, dict) else None
    if isinstance(data, dict) and any(k.startswith("image/") for k in data):
        return "image"
    return "text"


def bounded_client_class(base):
    """A subclass of the nbclient ``base`` that bounds its outputs (module docs). Each call
    makes a new class, so its counts start at zero for every run of a notebook."""

    class Client(base):
        capped: set = set()
        total = 0
        record_chars = 0

        def output(self, outs, msg, display_id, cell_index):
            try:
                out = super().output(outs, msg, display_id, cell_index)
            except Exception as exc:  # an output the notebook format rejects: dropped, never fatal
                outs.append(nbformat.v4.new_output(
                    "stream", name="stdout",
                    text=f"\n[grader] an output of this cell was dropped: not valid in a notebook "
                         f"({type(exc).__name__})\n"))
                return None
            if out is None or msg.get("msg_type") == "error":
                return out
            size = len(json.dumps(out))
            if is_record(out):
                self.record_chars += size
                if self.record_chars > MAX_RECORD_CHARS and out in outs:
                    outs.remove(out)
                return out
            sort = sort_of(out)
            limit = MAX_OUTPUT_CHARS if sort == "text" else MAX_IMAGE_CHARS
            used = sum(len(json.dumps(o)) for o in outs if o is not out and not is_record(o) and sort_of(o) == sort)
            key = (cell_index, sort)
            notebook_full = self.total + size > MAX_NOTEBOOK_OUTPUT_CHARS
            if key not in self.capped and used + size <= limit and not notebook_full:
                self.total += size
                return out
            first = key not in self.capped
            self.capped.add(key)
            if out in outs:
                room = min(limit - used, MAX_NOTEBOOK_OUTPUT_CHARS - self.total) - 200
                if first and out.get("output_type") == "stream" and room > 0:
                    out["text"] = out["text"][:room]
                    self.total += len(out["text"])
                else:
                    outs.remove(out)
            if first:
                what = "text output" if sort == "text" else "pictures"
                why = (f"the notebook's outputs reached {MAX_NOTEBOOK_OUTPUT_CHARS:,} characters" if notebook_full
                       else f"{what} of this cell longer than {limit:,} characters")
                note = f"\n[grader] {why}; the rest was dropped\n"
                self.total += len(note)
                outs.append(nbformat.v4.new_output("stream", name="stdout", text=note))
            return out

    return Client
