"""Error answers in the contract's shape: `{"error": code, "message": Vietnamese text}` (+ `fields`
for 422), for every path of the API; plain Vietnamese HTML pages elsewhere."""

from __future__ import annotations

import html
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.portal.sandbox.faults import DeliberateDrop

log = logging.getLogger("motcua.portal_sandbox")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, fields: list[dict] | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
        self.headers = headers


def invalid(message: str, fields: list[dict] | None = None) -> ApiError:
    return ApiError(422, "invalid", message, fields or [])


def _json_path(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/__sandbox/"))


def error_response(status: int, code: str, message: str, fields=None, headers=None) -> JSONResponse:
    body = {"error": code, "message": message}
    if fields is not None:
        body["fields"] = fields
    return JSONResponse(body, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, exc.fields, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            code, message = "not_found", "Không tìm thấy địa chỉ này trên cổng."
        elif exc.status_code == 405:
            code, message = "method_not_allowed", "Địa chỉ này không nhận phương thức yêu cầu đó."
        else:
            code, message = "http_error", str(exc.detail)
        if _json_path(request):
            return error_response(exc.status_code, code, message, headers=getattr(exc, "headers", None))
        return HTMLResponse(f"<!doctype html><meta charset='utf-8'><title>{exc.status_code}</title>"
                            f"<p>{html.escape(message)}</p><p><a href='/'>Về trang chủ</a></p>",
                            status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        fields = [{"field": ".".join(str(p) for p in e.get("loc", ())[1:]) or "body",
                   "message": "Giá trị không hợp lệ."} for e in exc.errors()]
        return error_response(422, "invalid", "Yêu cầu không hợp lệ.", fields)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        if not isinstance(exc, DeliberateDrop):  # a fault switch at work, not a bug
            log.exception("sandbox portal error")
        return error_response(500, "server_error", "Lỗi máy chủ cổng dịch vụ công.")
