"""Which procedure the officer means by what they typed: the ranking behind the intake's picker.

Every typed word (folded: diacritics and "đ" optional) must be found in the procedure's code, name
or sector, or be the initials of consecutive words of its name ("dkkh" = "Đăng ký kết hôn"). The
matches are then ordered by what the words hit:

1. a match in the name (or the code) beats a match in the sector only ("tam tru" is "Đăng ký tạm
   trú", not "Khai báo tạm vắng" whose sector says "cư trú");
2. a word start beats the inside of a word; words found only in a bracketed qualifier of the name
   come after; a whole word beats the start of a longer one;
3. then how often this office received the procedure lately (`recent_use_counts`);
4. then the typed words in order side by side, then the shorter name ("khai sinh" is "Đăng ký
   khai sinh", not "Đăng ký lại khai sinh").

Headless: the Qt picker (ui/intake/procedure_picker.py) only shows the order given here."""

from __future__ import annotations

import logging
import re
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from app.domain.folding import fold
from app.domain.permissions import Actor, Permission
from db.engine import Database
from db.models import Dossier, Procedure

T = TypeVar("T")
_ASIDE = re.compile(r"\([^)]*\)")
log = logging.getLogger("motcua.catalog")

# Where a typed word was found, best first.
WHOLE_WORD = 0  # a whole word of the name or code
WORD_START = 1  # the start of a word of the name or code
INITIALS = 2  # initials of consecutive name words ("dkks")
NAME_INSIDE = 3  # inside a word of the name or code
SECTOR_START = 4  # a word (or its start) of the sector
SECTOR_INSIDE = 5  # inside a word of the sector


@dataclass(frozen=True)
class Searchable:
    """A procedure's code, name and sector, folded once for ranking."""

    code: str
    name_words: tuple[str, ...]
    main_words: tuple[str, ...]  # the name without its bracketed qualifiers
    code_words: tuple[str, ...]
    sector_words: tuple[str, ...]
    initials: str

    @classmethod
    def of(cls, code: str, name: str, sector: str = "") -> Searchable:
        words = tuple(fold(name).split())
        main = tuple(fold(_ASIDE.sub(" ", name)).split())
        return cls(code, words, main, tuple(fold(code).split()), tuple(fold(sector).split()),
                   "".join(w[0] for w in words))

    def tier(self, word: str) -> int | None:
        """Where `word` is best found, or None when it is not found at all."""
        own = self.name_words + self.code_words
        if word in own:
            return WHOLE_WORD
        if any(w.startswith(word) for w in own):
            return WORD_START
        if len(word) >= 2 and word.isalpha() and word in self.initials:
            return INITIALS
        if any(word in w for w in own):
            return NAME_INSIDE
        if any(w.startswith(word) for w in self.sector_words):
            return SECTOR_START
        if any(word in w for w in self.sector_words):
            return SECTOR_INSIDE
        return None

    def aside(self, word: str) -> bool:
        """`word` starts no word of the name outside brackets (nor of the code)."""
        return not any(w.startswith(word) for w in self.main_words + self.code_words)

    def in_order(self, words: Sequence[str]) -> bool:
        """The typed words start consecutive name words, in the order typed ("tam tru")."""
        n = len(words)
        return any(all(self.name_words[i + k].startswith(words[k]) for k in range(n))
                   for i in range(len(self.name_words) - n + 1))


def query_words(text: str) -> list[str]:
    return fold(text).split()


def score(item: Searchable, words: Sequence[str], uses: int = 0) -> tuple | None:
    """The sort key of `item` for the typed `words` (smaller first), or None if it does not match."""
    tiers = []
    for w in words:
        t = item.tier(w)
        if t is None:
            return None
        tiers.append(t)
    outside_name = sum(t >= SECTOR_START for t in tiers)
    inside_word = sum(t in (NAME_INSIDE, SECTOR_INSIDE) for t in tiers)
    # Found at a word start only in a bracketed qualifier ("(không thuộc trường hợp … biểu diễn …)").
    aside = sum(t in (WHOLE_WORD, WORD_START) and item.aside(w) for t, w in zip(tiers, words, strict=True))
    partial = sum(t != WHOLE_WORD for t in tiers)
    return (outside_name, inside_word, aside, partial, -uses, not item.in_order(words),
            len(item.main_words), item.name_words, item.code)


def rank(text: str, items: Iterable[T], searchable: Callable[[T], Searchable],
         uses: Mapping[str, int] | None = None) -> list[T]:
    """The items matching `text`, best first; nothing for empty text."""
    words = query_words(text)
    if not words:
        return []
    uses = uses or {}
    keyed = []
    for item in items:
        s = searchable(item)
        key = score(s, words, uses.get(s.code, 0))
        if key is not None:
            keyed.append((key, item))
    keyed.sort(key=lambda pair: pair[0])
    return [item for _key, item in keyed]


# ---- how often this office used each procedure lately ---------------------------------------------
RECENT_DAYS = 90
_TTL_S = 600.0  # recounted at most every ten minutes: the order moves slowly, the picker stays quick
_cache: weakref.WeakKeyDictionary[Database, tuple[float, datetime, dict[str, int]]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def recent_use_counts(db: Database, actor: Actor, now: datetime, days: int = RECENT_DAYS) -> dict[str, int]:
    """Procedure code → dossiers received since the start of the day `days` days before `now`.
    One grouped count over the (received_at, …, procedure_id) index, cached per database."""
    actor.require(Permission.VIEW_CATALOG)
    since = datetime.combine((now - timedelta(days=days)).date(), datetime.min.time())
    with _lock:
        hit = _cache.get(db)
        if hit is not None and hit[1] == since and time.monotonic() - hit[0] < _TTL_S:
            return hit[2]
    try:
        with db.reading() as s:
            by_id = dict(s.execute(select(Dossier.procedure_id, func.count())
                                   .where(Dossier.received_at >= since).group_by(Dossier.procedure_id)).all())
            codes = dict(s.execute(select(Procedure.id, Procedure.code).where(Procedure.id.in_(by_id))).all()) \
                if by_id else {}
    except SQLAlchemyError:
        # A lost database must not break typing: the order falls back to the text alone.
        log.warning("procedure use counts unavailable", exc_info=True)
        return {}
    counts = {codes[pid]: n for pid, n in by_id.items() if pid in codes}
    with _lock:
        _cache[db] = (time.monotonic(), since, counts)
    return counts


def forget_use_counts(db: Database) -> None:
    """Count afresh at the next ask (after an import that replaced the dossiers, in tests)."""
    with _lock:
        _cache.pop(db, None)
