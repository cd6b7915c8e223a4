"""Tra cứu thủ tục: find a procedure by any words of its name, code or sector (diacritics
optional) and read what the citizen must bring, pay and wait."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.fees import online_note
from app.domain.folding import fold
from app.domain.permissions import Actor
from app.domain.vocab import ProcessClass, ResultMethod, TimeUnit
from app.formatting import money, number
from app.services.catalog import list_procedures
from db.engine import Database


class ProceduresPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("proceduresPage")
        self.procedures = list_procedures(db, actor)
        self._folded = [fold(f"{p.code} {p.name} {p.sector_name}") for p in self.procedures]
        self.search = QLineEdit()
        self.search.setObjectName("procedureSearch")
        self.search.setPlaceholderText(self.tr("Name, code or sector of the procedure (diacritics optional)"))
        self.list = QListWidget()
        self.list.setObjectName("procedureList")
        self.list.setWordWrap(True)
        self.count = QLabel()
        self.detail = QTextBrowser()
        self.detail.setObjectName("procedureDetail")
        self.detail.setOpenExternalLinks(False)

        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.list, 1)
        left.addWidget(self.count)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addWidget(self.detail, 3)

        self.search.textChanged.connect(self.filter)
        self.list.currentRowChanged.connect(self._show)
        self.search.returnPressed.connect(lambda: self.list.setFocus())
        self.filter("")

    def unverified_mark(self) -> str:
        """Said beside a code the catalog marks as not verified (Procedure.code_verified False)."""
        return self.tr("Code not checked against the national database")

    def filter(self, text: str) -> None:
        words = fold(text).split()
        self.list.clear()
        for i, p in enumerate(self.procedures):
            if all(w in self._folded[i] for w in words):
                # A code not checked against the national database says so wherever it is read.
                mark = "" if p.code_verified else f" · {self.unverified_mark()}"
                item = QListWidgetItem(f"{p.name}\n{p.code} · {p.sector_name}{mark}")
                item.setData(Qt.ItemDataRole.UserRole, i)
                self.list.addItem(item)
        self.count.setText(self.tr("{n} procedures").format(n=self.list.count()))
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.detail.setHtml(html.escape(self.tr("No procedure matches.")))

    def _show(self, row: int) -> None:
        item = self.list.item(row)
        if item is None:
            return
        p = self.procedures[item.data(Qt.ItemDataRole.UserRole)]
        e = html.escape
        unit = TimeUnit(p.time_unit)
        levels = {"province": self.tr("Province"), "district": self.tr("District"), "commune": self.tr("Commune")}
        time_text = self.tr("Within the day") if unit is TimeUnit.WITHIN_DAY else f"{number(p.time_value)} {unit.label}"
        if p.cutoff:
            time_text += self.tr(" (received after {cutoff}: counted from the next working day)").format(cutoff=p.cutoff)
        code = p.code + ("" if p.code_verified else f" ({self.unverified_mark()})")
        rows = [(self.tr("Procedure code"), code), (self.tr("Sector"), p.sector_name),
                (self.tr("Level"), levels.get(p.agency_level, p.agency_level)),
                (self.tr("Processing time"), time_text)]
        if p.online_level:
            rows.append((self.tr("Online service level (Decree 43/2011)"), str(p.online_level)))
        if p.process_class:
            rows.append((self.tr("Online service (Decree 42/2022)"), ProcessClass(p.process_class).label))
        rows.append((self.tr("Result returned"), ", ".join(ResultMethod(m).label for m in p.result_return)))
        parts = [f"<h3>{e(p.name)}</h3><table cellspacing='4'>"]
        parts += [f"<tr><td><b>{e(k)}:</b></td><td>{e(v)}</td></tr>" for k, v in rows]
        documents, fees, no_fee, legal = (self.tr("Documents"), self.tr("Fees"), self.tr("No fee."),
                                          self.tr("Legal basis"))
        parts.append(f"</table><h4>{e(documents)}</h4><ol>")
        for d in p.documents:
            line = self.tr("{name}: {originals} original(s), {copies} copy(ies) ({need})").format(
                name=d.name, originals=d.originals, copies=d.copies,
                need=self.tr("mandatory") if d.mandatory else self.tr("if any"))
            parts.append(f"<li>{e(line)}</li>")
        parts.append(f"</ol><h4>{e(fees)}</h4>")
        if p.fees:
            parts.append("<ul>" + "".join(
                f"<li>{e(f.name)}: {e(money(f.amount))}{e(' ' + f.note) if f.note else ''}"
                f"{e(' (' + online_note(f.amount, f.online_amount) + ')') if online_note(f.amount, f.online_amount) else ''}"
                "</li>" for f in p.fees)
                + "</ul>")
        else:
            parts.append(f"<p>{e(no_fee)}</p>")
        if p.legal_basis:
            parts.append(f"<h4>{e(legal)}</h4><p>{e(p.legal_basis)}</p>")
        self.detail.setHtml("".join(parts))
