"""resources/portal/openapi.yaml is well formed and says what the sandbox portal serves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from app.portal.sandbox import validation
from app.portal.sandbox.server import create_app

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "resources" / "portal" / "openapi.yaml"
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def spec():
    return yaml.safe_load(SPEC.read_text(encoding="utf-8"))


def _resolve(spec: dict, ref: str):
    assert ref.startswith("#/"), ref
    node = spec
    for part in ref[2:].split("/"):
        assert part in node, f"dangling $ref {ref}"
        node = node[part]
    return node


def _walk(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


# --- the checks -----------------------------------------------------------------------------------
def test_the_spec_is_openapi_3_1_with_bearer_security(spec):
    assert spec["openapi"] == "3.1.0"
    assert spec["security"] == [{"bearer": []}]
    assert spec["components"]["securitySchemes"]["bearer"] == {
        "type": "http", "scheme": "bearer", "description": "One token per office."}


def test_every_ref_resolves(spec):
    refs = [n["$ref"] for n in _walk(spec) if "$ref" in n]
    assert len(refs) > 50
    for ref in refs:
        _resolve(spec, ref)


def test_its_paths_are_exactly_the_sandbox_api_routes(spec, tmp_path):
    app = create_app(tmp_path / "s.sqlite3", "t", faults_enabled=True)
    generated = app.openapi()["paths"]  # FastAPI's own view of its routes
    served = {(path, m) for path, ops in generated.items() if path.startswith("/api/v1") for m in ops}
    documented = {(path, m) for path, ops in spec["paths"].items() for m in ops if m in METHODS}
    assert documented == served
    app.state.store.close()


def test_every_operation_documents_the_error_answers(spec):
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            codes = set(op["responses"])
            assert {"401", "429", "5XX"} <= codes, (path, method)
            assert any(c.startswith("2") for c in codes)
            if method == "post" or "parameters" in op and any(p["in"] == "query" for p in op["parameters"]):
                assert "422" in codes, (path, method)
    responses = spec["components"]["responses"]
    assert "Retry-After" in responses["TooManyRequests"]["headers"]
    error = spec["components"]["schemas"]["Error"]
    assert error["required"] == ["error", "message"]
    invalid = spec["components"]["schemas"]["ValidationError"]["allOf"][1]
    assert invalid["required"] == ["fields"]


def test_the_records_match_the_sandboxs_checks_and_the_contract(spec):
    schemas = spec["components"]["schemas"]
    for service in validation.SERVICES:
        assert schemas[service]["required"] == list(validation.REQUIRED[service])
    assert schemas["SyncRequest"]["properties"]["items"]["maxItems"] == 500
    doc = (ROOT / "docs" / "portal-api.md").read_text(encoding="utf-8")
    for section, schema in (("### DongBoHoSoMC record", "DongBoHoSoMC"),
                            ("### CapNhatTienDoHoSoMC record", "CapNhatTienDoHoSoMC")):
        text = doc.split(section, 1)[1].split("\n#", 1)[0]
        names = {n for n in re.findall(r"`([A-Za-z]+)`", text) if n[0].isupper()}
        names -= {"DongBoHoSoMC", "CapNhatTienDoHoSoMC", "Data"}
        nested = {"TenTepDinhKem", "SoBanChinh", "SoBanSao", "TenPhiLePhi", "MucPhi", "LoaiPhiLePhi"}
        assert names - nested <= set(schemas[schema]["properties"]), names - set(schemas[schema]["properties"])
    for name in ("Id", "TenTep", "KichThuoc", "LoaiTep", "SHA256", "DuongDan"):
        assert name in schemas["Attachment"]["required"]
    assert schemas["OnlinePage"]["required"] == ["items", "next_cursor", "more"]
    assert schemas["Lease"]["required"] == ["Key", "MaDonVi", "Ngay", "TuSo", "DenSo"]
