"""The procedure catalog file format (resources/catalog/procedures.json), validated whole
before anything is written. Field names follow the portal's vocabulary where one exists."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app.domain.vocab import FeeKind, ProcessClass, ResultMethod, TimeUnit

_CUTOFF_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


NonEmpty = Annotated[str, Field(min_length=1, max_length=1000)]


class FeeIn(_Strict):
    name: NonEmpty
    amount: int = Field(ge=0, description="VND")
    kind: FeeKind = FeeKind.FEE
    online_amount: int | None = Field(
        default=None, ge=0, description="VND when filed online, where the procedure says so; 0: waived online")
    note: str | None = None


class DocumentIn(_Strict):
    name: NonEmpty
    originals: int = Field(default=1, ge=0, le=20)
    copies: int = Field(default=0, ge=0, le=20)
    mandatory: bool = True
    note: str | None = None

    @model_validator(mode="after")
    def _some_paper(self):
        if self.originals == 0 and self.copies == 0:
            raise ValueError("cần ít nhất 1 bản chính hoặc 1 bản sao")
        return self


class ProcessingTime(_Strict):
    value: float = Field(ge=0, le=365)
    unit: TimeUnit

    @model_validator(mode="after")
    def _whole_days(self):
        if self.unit is TimeUnit.WORKING_DAYS and self.value != int(self.value):
            raise ValueError("số ngày làm việc phải là số nguyên")
        if self.unit is TimeUnit.WORKING_HOURS and self.value <= 0:
            raise ValueError("số giờ làm việc phải lớn hơn 0")
        return self


class ProcedureIn(_Strict):
    code: NonEmpty
    code_verified: bool = Field(
        description="False when the code is a sample we could not verify on the national portal"
    )
    name: NonEmpty
    sector_code: NonEmpty
    sector_name: NonEmpty
    agency_level: Literal["province", "district", "commune"]
    online_level: int | None = Field(default=None, ge=1, le=4)
    process_class: ProcessClass | None = None
    processing_time: ProcessingTime
    cutoff: str | None = Field(default=None, description="HH:MM; received later counts from the next working day")
    fees: list[FeeIn] = Field(default_factory=list)
    documents: list[DocumentIn] = Field(min_length=1)
    result_return: list[ResultMethod] = Field(min_length=1)
    legal_basis: str | None = None
    notes: str | None = None

    @field_validator("cutoff")
    @classmethod
    def _cutoff_shape(cls, v: str | None) -> str | None:
        if v is not None and not _CUTOFF_RE.match(v):
            raise ValueError("giờ chốt phải có dạng HH:MM, ví dụ 15:00")
        return v


class CatalogFile(_Strict):
    version: Literal[1]
    source: str | None = None
    procedures: list[ProcedureIn] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_codes(self):
        seen: set[str] = set()
        dupes = [p.code for p in self.procedures if p.code in seen or seen.add(p.code)]
        if dupes:
            raise ValueError("mã thủ tục bị trùng: " + ", ".join(sorted(set(dupes))))
        return self
