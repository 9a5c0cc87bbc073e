"""Build pipeline/text/data/dingbats.json: what each glyph of the symbol fonts draws, in Unicode.

    npm pack dingbat-to-unicode@1.0.1 && tar xzf dingbat-to-unicode-1.0.1.tgz
    python corpora/tools/make_dingbats.py package/dist/dingbats.js

The table is the npm package dingbat-to-unicode 1.0.1 (Michael Williamson, BSD-2-Clause; the
mapping of Symbol, Webdings and Wingdings 1–3 to Unicode code points, Wingdings/Webdings after
Unicode 7.0's additions for them), turned into JSON: typeface → {byte: code point}. Word puts a
symbol font's glyph at U+F000 + byte in the PDF's text map (poppler then prints Private Use Area
characters); pipeline/text/fonts.py rewrites those maps with this table.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "pipeline" / "text" / "data" / "dingbats.json"
_ROW = re.compile(r'"Typeface name": "([^"]+)", "Dingbat dec": "(\d+)", "Dingbat hex": "[0-9A-Fa-f]+", '
                  r'"Unicode dec": "(\d+)"')


def main(source: str) -> int:
    table: dict[str, dict[str, int]] = {}
    for face, byte, code in _ROW.findall(Path(source).read_text(encoding="utf-8")):
        table.setdefault(face, {})[byte] = int(code)
    if set(table) != {"Symbol", "Webdings", "Wingdings", "Wingdings 2", "Wingdings 3"}:
        raise SystemExit(f"{source}: unexpected typefaces {sorted(table)}")
    OUT.write_text(json.dumps({"source": "npm dingbat-to-unicode 1.0.1 (BSD-2-Clause)", "fonts": table},
                              sort_keys=True) + "\n", encoding="utf-8")
    print(OUT, {face: len(glyphs) for face, glyphs in table.items()})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
