"""SQLAlchemy 2 typed models. Times are naive Vietnam local time (Asia/Ho_Chi_Minh, no DST);
the portal boundary converts them. Every change to a dossier writes the dossier, a DossierEvent,
an AuditRecord and an OutboxMessage in one transaction (app/services/journal.py)."""

from __future__ import annotations

import uuid as uuidlib
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return str(uuidlib.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Agency(Base):
    __tablename__ = "agencies"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    parent_name: Mapped[str | None] = mapped_column(String(300))  # e.g. "UBND TỈNH VĨNH LONG"
    unit_code: Mapped[str] = mapped_column(String(40), unique=True)  # QCVN 102:2016 or Decision 20/2020 (≤ 35)
    address: Mapped[str | None] = mapped_column(String(500))
    phone: Mapped[str | None] = mapped_column(String(50))
    place_name: Mapped[str | None] = mapped_column(String(100))  # "Vĩnh Long, ngày … tháng …"
    office_hours: Mapped[str] = mapped_column(String(100), default="07:30-11:30,13:30-17:00")
    counters: Mapped[list[Counter]] = relationship(back_populates="agency", order_by="Counter.number")


class Counter(Base):
    __tablename__ = "counters"
    __table_args__ = (UniqueConstraint("agency_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    queue_groups: Mapped[list | None] = mapped_column(JSON)  # group codes it calls from; None: all
    agency: Mapped[Agency] = relationship(back_populates="counters")


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # app.domain.vocab.Role
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Wrong passwords in a row, and until when the account is locked after too many.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)


class LoginAttempt(Base):
    """Wrong passwords for a log-in name that has no account, counted and locked exactly like an
    account's, so the log-in screen never tells which names exist. Keyed by a hash of the name:
    what was typed (perhaps a password in the wrong box) is not kept."""

    __tablename__ = "login_attempts"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the normalised name
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    last_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class Procedure(Base):
    __tablename__ = "procedures"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)  # MaTTHC
    code_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str] = mapped_column(Text)
    name_folded: Mapped[str] = mapped_column(Text)  # for diacritics-free type-ahead
    sector_code: Mapped[str] = mapped_column(String(64))  # MaLinhVuc
    sector_name: Mapped[str] = mapped_column(String(300))  # TenLinhVuc
    agency_level: Mapped[str] = mapped_column(String(20))
    online_level: Mapped[int | None] = mapped_column(Integer)  # Decree 43/2011, 1-4
    process_class: Mapped[str | None] = mapped_column(String(20))  # Decree 42/2022
    time_value: Mapped[float] = mapped_column()
    time_unit: Mapped[str] = mapped_column(String(20))  # app.domain.vocab.TimeUnit
    cutoff: Mapped[str | None] = mapped_column(String(5))  # "HH:MM"
    result_return: Mapped[list] = mapped_column(JSON, default=list)
    legal_basis: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    fees: Mapped[list[ProcedureFee]] = relationship(
        cascade="all, delete-orphan", order_by="ProcedureFee.position"
    )
    documents: Mapped[list[ProcedureDocument]] = relationship(
        cascade="all, delete-orphan", order_by="ProcedureDocument.position"
    )


class ProcedureFee(Base):
    __tablename__ = "procedure_fees"
    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    amount: Mapped[int] = mapped_column(Integer)  # VND
    online_amount: Mapped[int | None] = mapped_column(Integer)  # filed online; None: as `amount`, 0: waived
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)


class ProcedureDocument(Base):
    __tablename__ = "procedure_documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    originals: Mapped[int] = mapped_column(Integer)
    copies: Mapped[int] = mapped_column(Integer)
    mandatory: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)


class Dossier(Base):
    __tablename__ = "dossiers"
    __table_args__ = (
        Index("ix_dossiers_status_due", "status", "due_at"),
        # The reports' covering indexes: a year's figures are read from the index alone, not the
        # table (a million dossiers, DOMAIN.md §2 figures in under 2 s). The first also serves
        # every "received from … to …" range the old single-column index did.
        Index("ix_dossiers_report_received", "received_at", "status", "channel", "procedure_id",
              "online_level", "whole_process", "counter_id", "received_by", "identity_check"),
        Index("ix_dossiers_report_finished", "finished_at", "due_at", "channel", "procedure_id", "counter_id",
              "received_at", "received_by"),
        # "Còn nợ phí" (issue 25): the few dossiers that still owe, newest first, without a scan.
        Index("ix_dossiers_fees_owed", "id", sqlite_where=text("fees_total > fees_paid"),
              postgresql_where=text("fees_total > fees_paid")),
        Index("ix_dossiers_report_returned", "returned_at", "result_method", "channel", "procedure_id",
              "counter_id"),
        # The dossier list pages by id DESC: these keep a rare status or channel an index range.
        Index("ix_dossiers_status_id", "status", "id"),
        Index("ix_dossiers_channel_id", "channel", "id"),
        UniqueConstraint("ledger_book", "ledger_year", "ledger_number", name="uq_dossiers_ledger_entry"),
    )
    # Integer key for the FTS rowid and compact indexes; the UUID is the identity that
    # travels (portal idempotency, merges between offices).
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    code: Mapped[str] = mapped_column(String(64), unique=True)  # MaHoSo (app/domain/codes.py)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"), index=True)
    channel: Mapped[int] = mapped_column(Integer)  # KenhThucHien
    status: Mapped[int] = mapped_column(Integer)  # TrangThaiHoSo
    applicant_kind: Mapped[int] = mapped_column(Integer)  # LoaiDoiTuong
    applicant_name: Mapped[str] = mapped_column(String(300))
    applicant_name_folded: Mapped[str] = mapped_column(String(300))
    applicant_id_number: Mapped[str | None] = mapped_column(String(20), index=True)  # CCCD / tax code
    applicant_birth_date: Mapped[date | None] = mapped_column(Date)
    applicant_sex: Mapped[str | None] = mapped_column(String(10))
    applicant_phone: Mapped[str | None] = mapped_column(String(20), index=True)
    applicant_email: Mapped[str | None] = mapped_column(String(200))
    applicant_address: Mapped[str | None] = mapped_column(String(500))
    representative: Mapped[str | None] = mapped_column(String(200))
    # Filed on someone's behalf (Form 01's authorisation block): the principal's name, address,
    # id_number, phone, email and the authorisation paper ("paper"), as typed. None: in person.
    principal: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))
    # How the officer checked who the filer is (app.domain.vocab.IdentityCheck): card seen, the
    # card's QR read, a VNeID level-2 account, a passport. Reported and sent to the portal.
    identity_check: Mapped[str | None] = mapped_column(String(20))
    # The address's units after the 2025 reform (vietnam-provinces codes), when picked from the
    # list; and the address as first given (an ID card's pre-reform one) when it was converted.
    applicant_province_code: Mapped[str | None] = mapped_column(String(10))
    applicant_commune_code: Mapped[str | None] = mapped_column(String(10))
    applicant_address_old: Mapped[str | None] = mapped_column(String(500))
    # The tracking ledger's entry (Form 07): its book (a sector or group of sectors, from the
    # office's settings), the year and the running number in that book and year.
    ledger_book: Mapped[str | None] = mapped_column(String(40))
    ledger_year: Mapped[int | None] = mapped_column(Integer)
    ledger_number: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str | None] = mapped_column(Text)  # TrichYeuHoSo
    sets: Mapped[int] = mapped_column(Integer, default=1)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    due_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime)
    result_method: Mapped[str] = mapped_column(String(20))
    result_address: Mapped[str | None] = mapped_column(String(500))
    fees_total: Mapped[int] = mapped_column(Integer, default=0)
    # What has been paid of it (payments not voided), kept in the payment's transaction
    # (app/services/dossiers/payments.py) so "fees owed" is a column comparison, not a join.
    fees_paid: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    notes: Mapped[str | None] = mapped_column(Text)
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    received_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)  # never sent to the portal
    # Online dossiers (from the portal's inbox): when the citizen filed, the online level (3/4) and
    # whether the whole procedure runs online (toàn trình). The report figures count them.
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    online_level: Mapped[int | None] = mapped_column(Integer)
    whole_process: Mapped[bool | None] = mapped_column(Boolean)
    # Registered offline with no leased number left: the code is provisional until the next sync.
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}

    procedure: Mapped[Procedure] = relationship()
    documents: Mapped[list[DossierDocument]] = relationship(
        cascade="all, delete-orphan", order_by="DossierDocument.position"
    )
    fees: Mapped[list[DossierFee]] = relationship(
        cascade="all, delete-orphan", order_by="DossierFee.position"
    )
    events: Mapped[list[DossierEvent]] = relationship(
        order_by="DossierEvent.id", back_populates="dossier"
    )


class DossierDocument(Base):
    __tablename__ = "dossier_documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    originals: Mapped[int] = mapped_column(Integer)
    copies: Mapped[int] = mapped_column(Integer)
    mandatory: Mapped[bool] = mapped_column(Boolean)
    received: Mapped[bool] = mapped_column(Boolean)
    # Digitization (số hóa, Circular 01/2023 Art. 8): app.services.dossiers.digitization.STATES;
    # None: not decided yet. The note is the reason, required for "exempt" and "not_digitized".
    digitization: Mapped[str | None] = mapped_column(String(20))
    digitization_note: Mapped[str | None] = mapped_column(Text)
    # Pages of the paper as the officer counted them: the scan is checked against it.
    paper_pages: Mapped[int | None] = mapped_column(Integer)
    # A reused line's origin: "local" (an earlier dossier here, DuocTaiSuDung) or "portal" (the
    # citizen's store on the national portal, DuocLayTuKhoDMQG).
    reuse_source: Mapped[str | None] = mapped_column(String(10))


class DossierFee(Base):
    __tablename__ = "dossier_fees"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    amount: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))


class DossierPayment(Base):
    """A fee paid for a dossier: cash at the counter, bank transfer, or paid online on the portal.
    Never edited: a payment recorded by mistake is voided (who, when, why), and it then counts
    neither in the dossier's balance nor in a closing. `counter_id`: the counter whose cash drawer
    or account took it (the closing's); `closing_id`: the counter closing that counted it (None: not
    closed yet). `reference`: the bank's or portal's transaction code, one payment per code."""

    __tablename__ = "dossier_payments"
    __table_args__ = (Index("ix_dossier_payments_reference", "reference"),
                      Index("ix_dossier_payments_counter_closing", "counter_id", "closing_id"),
                      Index("ix_dossier_payments_paid_at", "paid_at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    amount: Mapped[int] = mapped_column(Integer)  # VND
    method: Mapped[str] = mapped_column(String(20))  # cash | transfer | online
    reference: Mapped[str | None] = mapped_column(String(100))  # bank or portal transaction id
    payer_name: Mapped[str | None] = mapped_column(String(300))  # None: the applicant
    paid_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    event_uuid: Mapped[str] = mapped_column(String(36))  # the history event that recorded it
    closing_id: Mapped[int | None] = mapped_column(ForeignKey("counter_closings.id"))
    voided_at: Mapped[datetime | None] = mapped_column(DateTime)
    voided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    void_reason: Mapped[str | None] = mapped_column(Text)


class FeeReceipt(Base):
    """The fee receipt (biên lai thu phí, lệ phí, DOMAIN.md §15) of one payment. Never edited once
    issued: a mistake is cancelled with a reason (`cancel_*`) and replaced by a new row whose
    `replaces_id` points at it; both are kept. States:
      "pending"        to be issued by the e-receipt provider (its own outbox, app/services/fees/
                       receipts.py; `uuid` is the key the provider sees, so a retry never issues twice)
      "unissued"       no provider set up: waits for the number of the paper receipt handed over
      "issued"         has its template code, symbol and number (`provider` "paper" for a paper one)
      "failed"         the provider refused it for good; `last_error` says why, in Vietnamese
      "cancel_pending" its cancellation is queued for the provider
      "cancelled"      cancelled (`cancel_reason`, `cancelled_at`, `cancelled_by`)
    The payer, unit and lines are frozen when the row is written: what the receipt says."""

    __tablename__ = "fee_receipts"
    __table_args__ = (Index("ix_fee_receipts_state_next", "state", "next_attempt_at"),
                      UniqueConstraint("template_code", "symbol", "series_year", "number", name="uq_fee_receipts_number"))
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    payment_id: Mapped[int] = mapped_column(ForeignKey("dossier_payments.id"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("fee_receipts.id"))
    state: Mapped[str] = mapped_column(String(16), default="pending")
    provider: Mapped[str | None] = mapped_column(String(40))  # the provider module, or "paper"
    unit_name: Mapped[str] = mapped_column(String(300))  # the collecting unit, its post-merger name
    unit_tax_code: Mapped[str | None] = mapped_column(String(20))
    payer_name: Mapped[str] = mapped_column(String(300))
    payer_id_number: Mapped[str | None] = mapped_column(String(20))
    payer_address: Mapped[str | None] = mapped_column(String(500))
    amount: Mapped[int] = mapped_column(Integer)
    lines: Mapped[list] = mapped_column(JSON, default=list)  # [{"name", "amount", "kind"}]
    method: Mapped[str] = mapped_column(String(20))  # the payment's method
    template_code: Mapped[str | None] = mapped_column(String(20))  # mẫu số (check)
    symbol: Mapped[str | None] = mapped_column(String(20))  # ký hiệu
    number: Mapped[str | None] = mapped_column(String(20))  # số, restarting each 1 January
    # The year the number belongs to (its issue's): numbers restart each 1 January, so one series
    # may carry the same number in two years; unique with template, symbol and number.
    series_year: Mapped[int | None] = mapped_column(Integer)
    lookup_code: Mapped[str | None] = mapped_column(String(100))  # the provider's mã tra cứu
    lookup_url: Mapped[str | None] = mapped_column(String(500))
    provider_id: Mapped[str | None] = mapped_column(String(100))
    pdf_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_files.sha256"))  # the provider's PDF
    issued_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime)
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    cancel_requested_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancelled_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class CounterClosing(Base):
    """A counter's closing (chốt sổ thu phí cuối phiên): the payments taken at the counter since its
    last closing (each payment's `closing_id` then points here), their totals by method, the cash
    counted in the drawer and the difference (counted − cash recorded). Final: never edited. A later
    correction is a row of its own (`kind` "correction", `corrects_id` the closing it corrects,
    `difference` the amount found or missing, a reason in `note`), dated when it is made."""

    __tablename__ = "counter_closings"
    __table_args__ = (Index("ix_counter_closings_counter_at", "counter_id", "closed_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    kind: Mapped[str] = mapped_column(String(12), default="closing")  # closing | correction
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[datetime] = mapped_column(DateTime)
    day: Mapped[date] = mapped_column(Date)  # the working day it closes (or, a correction, when made)
    period_from: Mapped[datetime | None] = mapped_column(DateTime)  # the first payment it counts
    period_to: Mapped[datetime | None] = mapped_column(DateTime)  # the last
    payments: Mapped[int] = mapped_column(Integer, default=0)  # how many
    cash_total: Mapped[int] = mapped_column(Integer, default=0)
    transfer_total: Mapped[int] = mapped_column(Integer, default=0)
    online_total: Mapped[int] = mapped_column(Integer, default=0)
    cash_counted: Mapped[int | None] = mapped_column(Integer)
    difference: Mapped[int] = mapped_column(Integer, default=0)
    receipts_pending: Mapped[int] = mapped_column(Integer, default=0)  # payments without an issued receipt
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("counter_closings.id"))
    note: Mapped[str | None] = mapped_column(Text)


class DossierEvent(Base):
    """The dossier's history: feeds the control sheet and the portal's progress updates."""

    __tablename__ = "dossier_events"
    # The reports find one kind of step in a period (a supplement asked again) without reading
    # every event of every dossier.
    __table_args__ = (Index("ix_dossier_events_action_at", "action", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    status_from: Mapped[int | None] = mapped_column(Integer)
    status_to: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    note: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    dossier: Mapped[Dossier] = relationship(back_populates="events")


class AuditRecord(Base):
    """Who did what, when, from which counter. Written for every change, dossier or not."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor: Mapped[str] = mapped_column(String(100))  # login, or "system:cli"
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    # The hash chain (app/services/trust/audit_chain.py): this record's hash covers its content and
    # the previous record's hash.
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))


class OutboxMessage(Base):
    """A change waiting for the portal. `event_uuid` is the idempotency key on both sides; `seq`
    is the change's number in its dossier's history as the portal sees it (PhienBan: 1, 2, 3…),
    so the portal can apply each dossier's changes exactly once and in order."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_id", "state", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(20), default="pending")  # pending|sent|quarantined
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    seq: Mapped[int | None] = mapped_column(Integer)
    error_fields: Mapped[list | None] = mapped_column(JSON)  # the portal's 422 field messages
    quarantined_at: Mapped[datetime | None] = mapped_column(DateTime)


class OnlineAttachment(Base):
    """A file a citizen attached online: metadata from the portal, bytes fetched into the data
    folder (`path`, relative to it) and checked against the portal's SHA-256."""

    __tablename__ = "online_attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    portal_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    mime: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    url: Mapped[str] = mapped_column(String(500))  # DuongDan, relative to the portal's address
    path: Mapped[str | None] = mapped_column(String(500))
    fetched_at: Mapped[datetime | None] = mapped_column(DateTime)


class NumberLease(Base):
    """A block of official dossier numbers the portal leased to this office for one day: used
    offline, never issued by the portal itself. `next_value` is the next unused one."""

    __tablename__ = "number_leases"
    __table_args__ = (Index("ix_number_leases_unit_day", "unit_code", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(36), unique=True)  # the lease request's idempotency key
    unit_code: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column(Date)
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    next_value: Mapped[int] = mapped_column(Integer)
    leased_at: Mapped[datetime] = mapped_column(DateTime)


class CodeReplacement(Base):
    """A provisional code replaced by an official one: the "reprint / notify" list until an
    officer has reprinted the receipt or told the citizen (`done_at`)."""

    __tablename__ = "code_replacements"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    provisional_code: Mapped[str] = mapped_column(String(64), unique=True)
    official_code: Mapped[str] = mapped_column(String(64))
    replaced_at: Mapped[datetime] = mapped_column(DateTime)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    done_by: Mapped[str | None] = mapped_column(String(100))


class SyncState(Base):
    """The sync engine's own memory: the online inbox's cursor, the last successful exchange,
    the last error. One row per key."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[dict | list | str | int | float | bool | None] = mapped_column(JSON)


class DossierSequence(Base):
    """Last dossier number issued per unit and day; bumped with an upsert inside the
    registering transaction, so the row lock serialises concurrent counters."""

    __tablename__ = "dossier_sequences"
    unit_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class YearlySequence(Base):
    """Numbers that restart every 1 January: a ledger book's entries ("ledger:<book>") and each
    form's "Số: …/<symbol>" ("form:<symbol>"). Bumped inside the transaction that uses the number."""

    __tablename__ = "yearly_sequences"
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class CalendarOverride(Base):
    """The office's own extra day off or make-up working day, on top of the holidays package."""

    __tablename__ = "calendar_overrides"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # day_off | working_day
    reason: Mapped[str] = mapped_column(String(300))
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict | list | str | int | float | bool | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class QueueGroup(Base):
    """A service group of the queue: its letter, its number range, how priority tickets are served,
    and the day's counter (last number issued, regular calls since the last priority one), kept on
    this row so that locking it serialises issuing and calling within the group."""

    __tablename__ = "queue_groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(1), unique=True)
    first_number: Mapped[int] = mapped_column(Integer, default=1)
    last_allowed: Mapped[int] = mapped_column(Integer, default=999)
    priority_every: Mapped[int] = mapped_column(Integer, default=0)  # 0: priority strictly first
    recalls: Mapped[int] = mapped_column(Integer, default=3)  # calls before a no-show may be recorded
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    day: Mapped[date | None] = mapped_column(Date)
    last_number: Mapped[int] = mapped_column(Integer, default=0)
    regular_run: Mapped[int] = mapped_column(Integer, default=0)


class QueueTicket(Base):
    __tablename__ = "queue_tickets"
    __table_args__ = (UniqueConstraint("group_id", "day", "number"),
                      Index("ix_queue_tickets_waiting", "queue_group_id", "status", "day"),
                      Index("ix_queue_tickets_counter", "counter_id", "status"),
                      Index("ix_queue_tickets_called", "day", "called_at"),
                      # "Call next" reads the first waiting ticket of each kind per group from these
                      # alone: flat however many wait (app/services/queue/tickets.py).
                      *(Index(f"ix_queue_tickets_next_{kind}", "queue_group_id", "day", text("head DESC"),
                              "issued_at", "id", sqlite_where=text(where), postgresql_where=text(where))
                        for kind, where in (("regular", "status = 'issued' AND priority IS NULL"),
                                            ("priority", "status = 'issued' AND priority IS NOT NULL"))))
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=lambda: str(uuidlib.uuid4()))
    group_id: Mapped[int] = mapped_column(ForeignKey("queue_groups.id"))  # issued in (its letter, its number)
    queue_group_id: Mapped[int] = mapped_column(ForeignKey("queue_groups.id"))  # waits in now (after a transfer)
    day: Mapped[date] = mapped_column(Date)
    number: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(8))  # "A012"
    priority: Mapped[str | None] = mapped_column(String(30))  # app/domain/queue.PRIORITIES
    status: Mapped[str] = mapped_column(String(12))  # issued | called | serving | done | no_show
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    called_at: Mapped[datetime | None] = mapped_column(DateTime)
    served_at: Mapped[datetime | None] = mapped_column(DateTime)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    for_counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))  # transferred to one counter
    head: Mapped[bool] = mapped_column(Boolean, default=False)  # transferred: first in its new queue
    calls: Mapped[int] = mapped_column(Integer, default=0)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"))


class GuidanceRecord(Base):
    """One citizen a volunteer guide helped to file online: counted in the reports. Only the
    procedure and the moment; the phone number only when the citizen agreed to give it."""

    __tablename__ = "guidance_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"))
    phone: Mapped[str | None] = mapped_column(String(20))
    phone_consent: Mapped[bool] = mapped_column(Boolean, default=False)


class ReceiptArchive(Base):
    """Every receipt's PDF as first printed, keyed by its archive path (`receipts/YYYY/MM/<code>.pdf`,
    the same as in the data folder). On an office server each PC has its own data folder: the
    database is what every counter shares, so a reprint anywhere is the citizen's very file."""

    __tablename__ = "receipt_archive"
    path: Mapped[str] = mapped_column(String(200), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    archived_at: Mapped[datetime] = mapped_column(DateTime)


class StoredFile(Base):
    """A file kept by the SHA-256 of its bytes, once, never changed (app/services/files/store.py).
    SQLite: the bytes are in the data folder and `data` is NULL; PostgreSQL: in `data`."""

    __tablename__ = "stored_files"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    # OCR (app/services/files/ocr.py), done in the background after the file is kept: None (not a
    # scan to read, or OCR off), "pending", "done" (`ocr_sha256`: the same pages with a text layer,
    # itself a stored file), "failed" (`ocr_error` says why). The original is never replaced.
    ocr_state: Mapped[str | None] = mapped_column(String(10), index=True)
    ocr_sha256: Mapped[str | None] = mapped_column(String(64))
    ocr_error: Mapped[str | None] = mapped_column(Text)


class DossierFile(Base):
    """A stored file as part of a dossier: the scan of one of its document lines ("intake",
    `document_id` set), or one of its result documents ("result", no line)."""

    __tablename__ = "dossier_files"
    __table_args__ = (Index("ix_dossier_files_dossier_kind", "dossier_id", "kind", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"))
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossier_documents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # intake | result
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_files.sha256"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # order within the line, or among the results
    pages: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(300))  # the chosen file's name, as given
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class PortalFile(Base):
    """A stored file on its way to the portal (app/portal/files_sync.py): "pending" (not yet whole
    there; `offset_bytes` is what the portal last confirmed it holds, so a drop resumes from there),
    "sent" (the portal holds it whole at `url`: never uploaded again), "refused" (the portal said no,
    `last_error` is its message; tried again only when the officer sends the dossier again)."""

    __tablename__ = "portal_files"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    state: Mapped[str] = mapped_column(String(10), index=True)  # pending | sent | refused
    offset_bytes: Mapped[int] = mapped_column(Integer, default=0)
    url: Mapped[str | None] = mapped_column(String(500))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


# ---- the citizen's voice and phone (issue 23) ---------------------------------------------------
class Rating(Base):
    """One service's rating by the citizen (app/services/ratings/): asked by the desk when the
    officer finishes a ticket or returns a result ("asked", the rating screen of that counter shows
    it), then answered on that screen or its keypad only ("rated": `score` 1-5 and, at 3 or less,
    the `reasons` chosen from the criteria), or not ("no_rating" after `expires_at`: never a default
    score). `service_key` makes it one rating per service ("ticket:<id>", "return:<event uuid>")."""

    __tablename__ = "ratings"
    __table_args__ = (Index("ix_ratings_counter_state", "counter_id", "state"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    service_key: Mapped[str] = mapped_column(String(80), unique=True)
    occasion: Mapped[str] = mapped_column(String(10))  # service | return
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # the officer who served
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("queue_tickets.id"))
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"), index=True)
    procedure_id: Mapped[int | None] = mapped_column(ForeignKey("procedures.id"))
    state: Mapped[str] = mapped_column(String(10))  # asked | rated | no_rating
    asked_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    score: Mapped[int | None] = mapped_column(Integer)
    reasons: Mapped[list | None] = mapped_column(JSON)  # criterion keys (resources/ratings/criteria.json)
    source: Mapped[str | None] = mapped_column(String(10))  # screen | keypad
    portal_state: Mapped[str | None] = mapped_column(String(10))  # None (not for the portal) | pending | sent


class NoticeConsent(Base):
    """What the citizen agreed to at intake: the channels a notice may use (an empty list: asked,
    refused). No row: never asked (dossiers from before), so no message at all."""

    __tablename__ = "notice_consents"
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), primary_key=True)
    channels: Mapped[list] = mapped_column(JSON, default=list)  # of "email" | "sms" | "zalo"
    asked_at: Mapped[datetime] = mapped_column(DateTime)
    asked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Notice(Base):
    """A message to the citizen, its own outbox (app/services/notices/): written in the dossier's
    transaction with the event it tells of, one per event and channel; `uuid` is the key the
    gateway sees, so a retry never sends twice. "pending" (sent at `next_attempt_at`, backing off),
    "sent" (the gateway or SMTP server took it), "delivered" (the gateway said so), "failed" (refused
    for good: `last_error` says why, the officer sees it in a list), "cancelled" (by an officer)."""

    __tablename__ = "notices"
    __table_args__ = (UniqueConstraint("event_uuid", "channel"),
                      Index("ix_notices_state_next", "state", "next_attempt_at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    event_uuid: Mapped[str] = mapped_column(String(36))  # the dossier event it tells of
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # app/domain/notices.NoticeKind
    channel: Mapped[str] = mapped_column(String(10))  # email | sms | zalo
    recipient: Mapped[str] = mapped_column(String(255))  # never logged
    subject: Mapped[str | None] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    attachment: Mapped[str | None] = mapped_column(String(40))  # a form built when sent, e.g. "form04"
    state: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime)
    provider_id: Mapped[str | None] = mapped_column(String(100))  # the gateway's message id
    last_error: Mapped[str | None] = mapped_column(Text)
    claimed_by: Mapped[str | None] = mapped_column(String(100))  # a sender at work on it, until
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime)


class SignedDocument(Base):
    """A document the office signs digitally (app/services/signing/, docs/signing.md): a form it
    gives an online applicant (Forms 01-05 as e-forms, `event_uuid` the history event the form
    reports), or, when the office turns it on, a digitized copy or a result file (`dossier_file_id`,
    `source_sha256` the file as stored). "pending" until signed: the "chưa ký" list, `last_error`
    says in Vietnamese why it is not signed yet; "signed": `signed_sha256` is the signed PDF (a
    stored file), with who signed it and when; "cancelled": no longer to be signed (its file was
    replaced), kept for the record. Nothing is shown as signed unless it is "signed"."""

    __tablename__ = "signed_documents"
    __table_args__ = (Index("ix_signed_documents_state_id", "state", "id"),
                      Index("ix_signed_documents_dossier", "dossier_id", "kind"))
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # receipt | supplement | refusal | apology | stop | intake | result
    event_uuid: Mapped[str | None] = mapped_column(String(36))
    dossier_file_id: Mapped[int | None] = mapped_column(ForeignKey("dossier_files.id", ondelete="SET NULL"))
    source_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_files.sha256"))
    signed_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_files.sha256"))
    state: Mapped[str] = mapped_column(String(10), default="pending")  # pending | signed | cancelled
    signer_name: Mapped[str | None] = mapped_column(String(300))  # the certificate's subject name
    cert_fingerprint: Mapped[str | None] = mapped_column(String(64))  # SHA-256 of the signer's certificate
    cert_serial: Mapped[str | None] = mapped_column(String(80))  # hex
    cert_issuer: Mapped[str | None] = mapped_column(String(300))
    timestamped: Mapped[bool] = mapped_column(Boolean, default=False)  # an RFC 3161 time-stamp is in it
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    signed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
