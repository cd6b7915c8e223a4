"""The procedure catalog file format (resources/catalog/procedures.json), validated whole
before anything is written. Field names follow the portal's vocabulary where one exists.
Every limit is one the database can hold (db/models.py): a file that passes is written whole."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from app.domain.text import first_bad_char, printable
from app.domain.vocab import FeeKind, ProcessClass, ResultMethod, TimeUnit

_CUTOFF_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
MAX_AMOUNT = 2_000_000_000  # VND; the fee columns are 32-bit integers
_MULTILINE = {"note", "notes", "legal_basis", "source"}  # may hold line breaks and tabs


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*")
    @classmethod
    def _no_control_characters(cls, v: Any, info: ValidationInfo) -> Any:
        # NUL cannot be stored by PostgreSQL, an unpaired surrogate by any UTF-8 database; other
        # control characters in a name are invisible garbage from a copy-paste.
        if isinstance(v, str):
            allowed = "\n\r\t" if info.field_name in _MULTILINE else ""
            bad = first_bad_char(v, allowed=allowed)
            if bad is not None:
                raise ValueError(f"có ký tự điều khiển {printable(bad)} (U+{ord(bad):04X})")
        return v


NonEmpty = Annotated[str, Field(min_length=1, max_length=1000)]
Code = Annotated[str, Field(min_length=1, max_length=64)]  # procedure and sector codes: String(64)


class FeeIn(_Strict):
    name: NonEmpty
    amount: int = Field(ge=0, le=MAX_AMOUNT, description="VND")
    kind: FeeKind = FeeKind.FEE
    online_amount: int | None = Field(
        default=None, ge=0, le=MAX_AMOUNT, description="VND when filed online, where the procedure says so; 0: waived online")
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
    value: float = Field(ge=0, le=365, allow_inf_nan=False)
    unit: TimeUnit

    @model_validator(mode="after")
    def _whole_days(self):
        if self.unit is TimeUnit.WORKING_DAYS and self.value != int(self.value):
            raise ValueError("số ngày làm việc phải là số nguyên")
        if self.unit is TimeUnit.WORKING_HOURS and self.value <= 0:
            raise ValueError("số giờ làm việc phải lớn hơn 0")
        return self


class ProcedureIn(_Strict):
    code: Code
    code_verified: bool = Field(
        description="False when the code is a sample we could not verify on the national portal"
    )
    name: NonEmpty
    sector_code: Code
    sector_name: Annotated[str, Field(min_length=1, max_length=300)]
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

    @field_validator("version", mode="before")
    @classmethod
    def _not_a_boolean(cls, v: Any) -> Any:
        if isinstance(v, bool):  # true == 1 to Python, not to whoever wrote the file
            raise ValueError("phiên bản phải là số 1")
        return v

    @model_validator(mode="after")
    def _unique_codes(self):
        seen: set[str] = set()
        dupes = [p.code for p in self.procedures if p.code in seen or seen.add(p.code)]
        if dupes:
            raise ValueError("mã thủ tục bị trùng: " + ", ".join(sorted(set(dupes))))
        return self


# What each pydantic error type means, in Vietnamese; {…} are the error's ctx values.
_ERRORS = {
    "missing": "thiếu (bắt buộc phải có)",
    "extra_forbidden": "không có trường này trong mẫu danh mục",
    "string_type": "phải là một chuỗi chữ",
    "string_too_short": "không được để trống",
    "string_too_long": "dài quá {max_length} ký tự",
    "int_type": "phải là số nguyên", "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên", "int_parsing_size": "số quá lớn",
    "float_type": "phải là một số", "float_parsing": "phải là một số",
    "finite_number": "phải là một số hữu hạn",
    "bool_type": "phải là true hoặc false", "bool_parsing": "phải là true hoặc false",
    "greater_than_equal": "phải từ {ge} trở lên", "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "không được quá {le}", "less_than": "phải nhỏ hơn {lt}",
    "literal_error": "phải là {expected}", "enum": "phải là {expected}",
    "list_type": "phải là một danh sách", "too_short": "cần ít nhất {min_length} mục",
    "too_long": "nhiều nhất {max_length} mục",
    "model_type": "phải là một đối tượng JSON", "model_attributes_type": "phải là một đối tượng JSON",
    "dict_type": "phải là một đối tượng JSON",
}


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def error_text(error: dict) -> str:
    """One error of a pydantic ValidationError (an `errors()` item) in Vietnamese, with the value
    that was given when it is a plain one."""
    kind, ctx = error.get("type", ""), dict(error.get("ctx") or {})
    if kind == "value_error":  # the schema's own checks, already in Vietnamese
        text = str(ctx.get("error") or error.get("msg", "")).removeprefix("Value error, ")
    elif kind in _ERRORS:
        ctx = {k: (_number(v) if isinstance(v, int | float) else str(v).replace(" or ", " hoặc "))
               for k, v in ctx.items()}
        try:
            text = _ERRORS[kind].format(**ctx)
        except (KeyError, IndexError, ValueError):
            text = _ERRORS[kind].split(" {")[0]
    else:
        text = f"không hợp lệ ({error.get('msg', kind)})"
    given = error.get("input")
    if kind != "missing" and isinstance(given, str | int | float) and not isinstance(given, bool):
        text += f" (đang là «{printable(str(given))}»)"
    return text
