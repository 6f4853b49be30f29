"""Generate the report's CSL-JSON bibliography from the published sources table.

One entry per article, keyed by its source id, so the report's citations and
the data cannot drift apart.
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

from scripts.package.tables import read_csv
from scripts.paths import ROOT


def description(source: dict[str, str], root: Path = ROOT) -> str:
    """A title for an article whose file carries no headline: its opening words, never its file path."""
    text = (root / source["file"]).read_text(encoding="utf-8")
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    words = first.split()
    opening = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    return f"[untitled article beginning “{opening}”]"


def entries(sources: list[dict[str, str]], root: Path = ROOT) -> list[dict[str, object]]:
    """CSL-JSON items for the sources table's rows."""
    out = []
    for s in sorted(sources, key=lambda r: r["source_id"]):
        start = [int(x) for x in s["published_start"].split("-")]
        parts = {"day": start, "month": start[:2], "year": start[:1]}.get(s["published_precision"], start[:1])
        title = s["headline"] or description(s, root)
        item: dict[str, object] = {
            "id": s["source_id"], "type": "article-newspaper",
            "title": f'<span class="nocase">{html.escape(title, quote=False)}</span>',
            "issued": {"date-parts": [parts]},
            "note": f"Published {s['published_start']} to {s['published_end']} "
                    f"({s['published_precision']} precision)"
                    + ("" if s["url"] else "; no copy on the outlet's own site was found"),
        }
        if s["outlet"]:
            item["container-title"] = s["outlet"]
        if s["url"]:
            item["URL"] = s["url"]
        out.append(item)
    return out


def main(argv: list[str] | None = None) -> int:
    """CLI: write report/references.json from data/sources.csv."""
    out = Path(argv[0]) if argv else ROOT / "report" / "references.json"
    items = entries(read_csv(ROOT / "data" / "sources.csv"))
    out.write_text(json.dumps(items, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
