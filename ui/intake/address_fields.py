"""The applicant's address after the 2025 reform: province and commune picked from the official
list (type-ahead, diacritics optional: "long chau" finds "Phường Long Châu"), and a free line for
the house number and street, or the hamlet. No district.

An old address (typed in the free line, or read from an ID card, which often still names a
district) is converted to the new units and both are shown: the officer takes the proposal or
keeps the address as given. Nothing is rewritten without that choice."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import address as units
from app.domain.address_convert import Conversion, convert, parse_new, warm_up
from app.domain.folding import fold
from app.errors import UserError
from app.services.settings.office import agency_profile
from db.engine import Database
from ui.intake.procedure_picker import ProcedureChoice, ProcedurePicker
from ui.ops import op
from ui.widgets import FieldError


def office_province_code(db: Database) -> str | None:
    """The province the office stands in (its place name or address), the form's default."""
    try:
        profile = agency_profile(db)
    except UserError:
        return None
    found = units.province_named(profile.place_name) or units.province_named(profile.address)
    return found.code if found else None


class UnitPicker(ProcedurePicker):
    """A procedure picker's type-ahead over administrative units, whose list can change."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__([], parent)

    def set_units(self, items: list[tuple[str, str]]) -> None:
        """(code, name) pairs; names are unique within a province."""
        choices = [ProcedureChoice(code, name, "", name, fold(name)) for code, name in items]
        self.choices = choices
        self._by_label = {c.label: c for c in choices}
        self._filter._choices = choices  # before the reset below makes the proxy filter again
        self._source.setStringList([c.label for c in choices])
        self.current = None
        self.clear()

    def code(self) -> str | None:
        return self.current.code if self.current is not None else None


class AddressFields(QWidget):
    changed = Signal()

    def __init__(self, default_province: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.default_province = default_province
        self.conversion: Conversion | None = None
        self.address_old: str | None = None  # the address as given, when its conversion was taken
        self._kept: str | None = None  # an address the officer chose to keep as given: not proposed again
        self._quiet = False
        self.province = UnitPicker()
        self.province.setObjectName("addressProvince")
        self.province.setPlaceholderText(self.tr("Province / city"))
        self.province.set_units([(p.code, p.name) for p in units.provinces()])
        self.commune = UnitPicker()
        self.commune.setObjectName("addressCommune")
        self.commune.setPlaceholderText(self.tr("Commune / ward (diacritics optional)"))
        self.street = QLineEdit()
        self.street.setObjectName("address")
        self.street.setPlaceholderText(self.tr("House number and street, or hamlet"))
        self.error = FieldError()

        self.proposal = QFrame()
        self.proposal.setObjectName("addressProposal")
        self.proposal.setFrameShape(QFrame.Shape.StyledPanel)
        self.old_label = QLabel()
        self.old_label.setObjectName("addressOld")
        self.old_label.setWordWrap(True)
        self.new_label = QLabel()
        self.new_label.setObjectName("addressNew")
        self.new_label.setWordWrap(True)
        # A wrapped label's minimum is one line: on a full intake page the layout would squeeze an
        # address of two lines into one and cut it. Two lines each, kept.
        for label in (self.old_label, self.new_label):
            label.setMinimumHeight(2 * label.fontMetrics().lineSpacing() + 2)
        self.options = QComboBox()
        self.options.setObjectName("addressOptions")
        self.accept_button = QPushButton(self.tr("Use the new address"))
        self.accept_button.setObjectName("addressAccept")
        self.keep_button = QPushButton(self.tr("Keep the address as given"))
        self.keep_button.setObjectName("addressKeep")
        for b in (self.accept_button, self.keep_button):
            b.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.options, 1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.keep_button)
        box = QVBoxLayout(self.proposal)
        box.addWidget(self.old_label)
        box.addWidget(self.new_label)
        box.addLayout(buttons)

        units_row = QHBoxLayout()
        units_row.addWidget(self.commune, 3)
        units_row.addWidget(self.province, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.street)
        layout.addLayout(units_row)
        layout.addWidget(self.proposal)
        layout.addWidget(self.error)

        self.province.chosen.connect(self._province_chosen)
        self.commune.chosen.connect(lambda _code: self._edited())
        self.province.textEdited.connect(lambda _t: self._edited())
        self.commune.textEdited.connect(lambda _t: self._edited())
        self.street.textEdited.connect(lambda _t: self._edited())
        self.street.editingFinished.connect(self._street_finished)
        self.options.currentIndexChanged.connect(self._show_option)
        self.accept_button.clicked.connect(self.accept_new)
        self.keep_button.clicked.connect(self.keep_old)
        # The old → new table takes a fraction of a second to load: do it before the first card.
        op(self, warm_up).run()
        self.clear()

    # ---- state ------------------------------------------------------------------------------
    def clear(self) -> None:
        self._quiet = True  # resetting is not an edit: the form must not turn dirty
        self.street.clear()
        self._kept = None
        self.conversion = None
        self.address_old = None
        self.proposal.hide()
        self.error.show_message("")
        if self.default_province and units.province(self.default_province):
            self.province.select(self.default_province)
        else:
            self.province.clear()
            self.province.current = None
            self.commune.set_units([])
        self._quiet = False

    def value(self) -> tuple[str | None, str | None, str | None, str | None]:
        """(address, province code, commune code, old address) as the dossier stores them. With
        no commune picked the free line is the whole address, as typed."""
        street = self.street.text().strip()
        commune = self.commune.code()
        province = self.province.code()
        if commune is None or province is None:
            return street or None, None, None, None
        return units.compose(street, commune, province), province, commune, self.address_old

    def _edited(self) -> None:
        self.error.show_message("")
        if not self._quiet:
            self.changed.emit()

    def _province_chosen(self, code: str) -> None:
        self.commune.set_units([(c.code, c.name) for c in units.communes(code)])
        self._edited()

    # ---- old addresses --------------------------------------------------------------------
    def set_from_card(self, text: str) -> Conversion | None:
        """An ID card's address: a new-style one fills the pickers; an old one is converted and
        shown beside the original for the officer to decide."""
        self.clear()
        self.street.setText(text)
        return self._read(text)

    def _street_finished(self) -> None:
        text = self.street.text()
        if self.commune.code() is None and "," in text and text != self._kept and not self.proposal.isVisible():
            self._read(self.street.text())

    def _read(self, text: str) -> Conversion | None:
        parsed = parse_new(text)
        if parsed is not None:
            street, province, commune = parsed
            self._pick(province.code, commune.code, street)
            return None
        conversion = convert(text)
        if conversion is not None:
            self.show_proposal(conversion)
        return conversion

    def show_proposal(self, conversion: Conversion) -> None:
        self.conversion = conversion
        self.old_label.setText(self.tr("Old address: {text}").format(text=conversion.old_text))
        self.options.blockSignals(True)
        self.options.clear()
        for i, _ in enumerate(conversion.options):
            self.options.addItem(conversion.new_text(i), i)
        self.options.blockSignals(False)
        self.options.setVisible(len(conversion.options) > 1)
        self._show_option()
        self.proposal.show()

    def _show_option(self, *_args) -> None:
        if self.conversion is None:
            return
        i = max(self.options.currentIndex(), 0)
        self.new_label.setText(self.tr("New address (after the 2025 reorganisation): {text}").format(
            text=self.conversion.new_text(i)))

    def accept_new(self) -> None:
        conversion = self.conversion
        if conversion is None:
            return
        option = conversion.options[max(self.options.currentIndex(), 0)]
        if option.commune_code is None:  # not in the official list: the officer picks the commune
            self.province.select(option.province_code)
            self.street.setText(conversion.street)
        else:
            self._pick(option.province_code, option.commune_code, conversion.street)
        self.address_old = conversion.old_text
        self.proposal.hide()
        self.changed.emit()

    def keep_old(self) -> None:
        """The address stays as given; no units are recorded for it."""
        self._kept = self.street.text()
        self.conversion = None
        self.address_old = None
        self.proposal.hide()
        self.changed.emit()

    def _pick(self, province_code: str, commune_code: str, street: str) -> None:
        self.province.select(province_code)
        self.commune.select(commune_code)
        self.street.setText(street)
