"""Fill a Qt .ts file from a JSON dictionary {source: Vietnamese} (a helper for maintainers).

Usage: python scripts/fill_ts.py resources/i18n/motcua_vi.ts resources/i18n/motcua_vi.json
Prints every message still without a translation."""

import json
import sys
import xml.etree.ElementTree as ET


def main(ts_path: str, dict_path: str) -> int:
    words = json.load(open(dict_path, encoding="utf-8"))
    tree = ET.parse(ts_path)
    missing = []
    for m in tree.iter("message"):
        source = m.find("source").text
        tr = m.find("translation")
        if source in words:
            tr.text = words[source]
            tr.attrib.pop("type", None)
        elif not (tr.text or "").strip() or tr.get("type") == "unfinished":
            missing.append(source)
    ET.indent(tree)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    for s in missing:
        print("untranslated:", repr(s))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
