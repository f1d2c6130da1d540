"""Every endpoint on a real server on a loopback port: the documented status, media type
and body for good and bad input. Each response is also checked against the server's own
OpenAPI document (service_harness.check_against_openapi)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import orjson
from service_harness import MAX_BODY, Server

from lerbridge.service.routing import ROUTES

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
OB3 = (FIXTURES / "ob3" / "lerbridge-welding-certificate.json").read_bytes()
CSV = (FIXTURES / "csv" / "lerbridge-transcript-3-students.csv").read_bytes()


def _problem(reply, status: int, code: str) -> dict:
    assert reply.status == status, reply.body[:500]
    assert reply.media == "application/problem+json"
    body = reply.json()
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"] == f"urn:lerbridge:problem:{code}"
    assert "Traceback" not in reply.body.decode()
    return body


def test_health_and_formats(server: Server) -> None:
    health = server.request("GET", "/healthz")
    assert health.status == 200
    assert health.json()["status"] == "ok"
    assert health.json()["workers"] == 2
    formats = {f["name"]: f for f in server.request("GET", "/v1/formats").json()}
    assert formats["ob3"]["can_read"] and formats["ob3"]["can_write"]
    assert formats["lerrs"]["can_write"]
    assert ".csv" in formats["csv"]["extensions"]


def test_convert_returns_documents_and_report(server: Server) -> None:
    reply = server.request("POST", "/v1/convert?to=clr", OB3, {"Content-Type": "application/json"})
    assert reply.status == 200
    out = reply.json()
    assert (out["source_format"], out["target_format"]) == ("ob3", "clr")
    (doc,) = out["documents"]
    assert doc["media_type"] == "application/vc+ld+json"
    clr = json.loads(doc["content"])
    assert "ClrCredential" in clr["type"]
    assert out["report"]["summary"]["error"] == 0
    assert all(e["code"] and e["severity"] for e in out["report"]["entries"])


def test_convert_raw_document_by_accept(server: Server) -> None:
    reply = server.request(
        "POST", "/v1/convert?to=ob3&from=ob3", OB3, {"Accept": "application/vc+ld+json"}
    )
    assert reply.status == 200
    assert reply.media == "application/vc+ld+json"
    doc = json.loads(reply.body)
    assert "OpenBadgeCredential" in doc["type"] or "AchievementCredential" in doc["type"]
    assert re.fullmatch(r"error=0, warning=\d+, info=\d+", reply.headers["lerbridge-loss-summary"])
    assert reply.headers["lerbridge-source-format"] == "ob3"
    assert reply.headers["content-disposition"].startswith("attachment; filename=")
    octet = server.request(
        "POST", "/v1/convert?to=ob3", OB3, {"Accept": "application/octet-stream"}
    )
    assert octet.body == reply.body


def test_convert_csv_to_several_documents(server: Server) -> None:
    reply = server.request("POST", "/v1/convert?to=clr&from=csv", CSV)
    assert reply.status == 200
    assert len(reply.json()["documents"]) == 3
    raw = server.request(
        "POST", "/v1/convert?to=clr&from=csv", CSV, {"Accept": "application/octet-stream"}
    )
    assert "3 documents" in _problem(raw, 406, "not-acceptable")["detail"]


def test_convert_not_acceptable(server: Server) -> None:
    reply = server.request("POST", "/v1/convert?to=ob3", OB3, {"Accept": "text/csv"})
    assert "application/vc+ld+json" in _problem(reply, 406, "not-acceptable")["detail"]


def test_convert_options_are_query_parameters(server: Server) -> None:
    bare = server.request("POST", "/v1/convert?to=lerrs&lerrs=bare", OB3).json()
    assert "VerifiableCredential" not in json.loads(bare["documents"][0]["content"]).get("type", [])
    # the switch reaches the writer: this badge has no issuance data for the VC wrapper
    vc = server.request("POST", "/v1/convert?to=lerrs&lerrs=vc", OB3)
    body = _problem(vc, 422, "write-error")
    assert "--lerrs-bare" in body["detail"] and body["exit_code"] == 5
    failed = server.request("POST", "/v1/convert?to=csv&fail_on=info", OB3)
    body = _problem(failed, 422, "fail-on")
    assert body["report"]["entries"], "the refused conversion's report comes with the problem"
    bad = server.request("POST", "/v1/convert?to=ob3&fail_on=sometimes", OB3)
    assert "fail_on" in _problem(bad, 400, "bad-parameter")["detail"]
    flag = server.request("POST", "/v1/convert?to=ob3&ctdl_graph=maybe", OB3)
    _problem(flag, 400, "bad-parameter")


def test_bad_input_is_a_problem(server: Server) -> None:
    malformed = server.request("POST", "/v1/convert?to=ob3", b'{"type": [')
    body = _problem(malformed, 422, "read-error")
    assert body["error"] == "ReadError" and body["exit_code"] == 3
    assert body["location"].startswith("line 1")
    unknown = server.request("POST", "/v1/convert?to=docx", OB3)
    assert "docx" in _problem(unknown, 400, "unknown-format")["detail"]
    missing = server.request("POST", "/v1/convert", OB3)
    assert "'to'" in _problem(missing, 400, "bad-parameter")["detail"]
    _problem(server.request("POST", "/v1/convert?to=ob3", b""), 400, "empty-body")
    notjson = server.request("POST", "/v1/convert?to=ob3", b"just some words")
    assert _problem(notjson, 422, "format-detection")["error"] == "FormatDetectionError"


def test_oversized_body(server: Server) -> None:
    big = b'{"pad": "' + b"x" * MAX_BODY + b'"}'
    declared = server.request("POST", "/v1/convert?to=ob3", big)
    assert str(MAX_BODY) in _problem(declared, 413, "body-too-large")["detail"]
    streamed = server.request("POST", "/v1/validate", big, chunked=True)
    _problem(streamed, 413, "body-too-large")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Candidate xmlns="http://ns.hr-xml.org/2006-02-28"><CandidateProfile>&lol4;</CandidateProfile></Candidate>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Candidate xmlns="http://ns.hr-xml.org/2006-02-28"><CandidateProfile>&xxe;</CandidateProfile></Candidate>"""


def test_hostile_xml(server: Server) -> None:
    for doc in (BILLION_LAUGHS, XXE):
        reply = server.request("POST", "/v1/convert?to=ob3&from=hrxml", doc)
        body = _problem(reply, 422, "read-error")
        assert "root:" not in reply.body.decode() and "lollol" not in reply.body.decode()
        assert body["error"] == "ReadError"


def test_validate(server: Server) -> None:
    good = server.request("POST", "/v1/validate", OB3)
    assert good.json() == {"format": "ob3", "valid": True, "issues": []}
    doc = json.loads(OB3)
    del doc["issuer"]
    bad = server.request("POST", "/v1/validate?format=ob3", orjson.dumps(doc)).json()
    assert bad["valid"] is False
    assert any(i["severity"] == "error" for i in bad["issues"])
    at = server.request("POST", "/v1/validate?at=yesterday", OB3)
    assert "ISO 8601" in _problem(at, 400, "bad-parameter")["detail"]


def test_conformance_by_accept(server: Server) -> None:
    as_json = server.request("POST", "/v1/conformance?name=badge.json", OB3)
    assert as_json.status == 200
    result = as_json.json()
    assert result["files"][0]["path"] == "badge.json"
    assert result["files"][0]["format"] == "ob3"
    assert as_json.headers["lerbridge-conformance"] == "pass"
    junit = server.request("POST", "/v1/conformance", OB3, {"Accept": "application/xml"})
    assert junit.media == "application/xml"
    assert junit.body.lstrip().startswith(b"<") and b"<testsuites" in junit.body
    page = server.request("POST", "/v1/conformance", OB3, {"Accept": "text/html"})
    assert page.media == "text/html" and b'id="verdicts"' in page.body
    _problem(
        server.request("POST", "/v1/conformance", OB3, {"Accept": "image/png"}),
        406,
        "not-acceptable",
    )
    bad = server.request("POST", "/v1/conformance?profile=loose", OB3)
    _problem(bad, 400, "bad-parameter")


def test_unknown_path_and_method(server: Server) -> None:
    _problem(server.request("GET", "/v2/convert"), 404, "not-found")
    _problem(server.request("GET", "/v1/convert?to=ob3"), 405, "method-not-allowed")


def test_metrics(server: Server) -> None:
    def count() -> int:
        text = server.request("GET", "/metrics").body.decode()
        series = 'lerbridge_http_requests_total{route="/v1/formats",method="GET",status="200"}'
        m = re.search(rf"^{re.escape(series)} (\d+)$", text, re.M)
        return int(m.group(1)) if m else 0

    before = count()
    server.request("GET", "/v1/formats")
    server.request("GET", "/v1/formats")
    assert count() == before + 2
    reply = server.request("GET", "/metrics")
    assert reply.headers["content-type"].startswith("text/plain; version=0.0.4")
    text = reply.body.decode()
    assert "# TYPE lerbridge_http_request_duration_seconds histogram" in text
    assert re.search(r"^lerbridge_workers 2$", text, re.M)
    assert 'route="/v1/formats",le="+Inf"' in text


def test_openapi_document(server: Server) -> None:
    from openapi_spec_validator import OpenAPIV31SpecValidator

    doc = server.request("GET", "/v1/openapi.json").json()
    assert doc["openapi"] == "3.1.0"
    errors = list(OpenAPIV31SpecValidator(doc).iter_errors())
    assert not errors, errors[:3]
    assert {(s.path, s.method.lower()) for s in ROUTES} == {
        (p, m) for p, ops in doc["paths"].items() for m in ops
    }
    assert {
        "/v1/convert",
        "/v1/validate",
        "/v1/conformance",
        "/v1/formats",
        "/healthz",
        "/metrics",
        "/",
    } <= set(doc["paths"])
    broken = json.loads(json.dumps(doc))
    broken["paths"]["/v1/convert"]["post"]["responses"]["200"] = {"content": {}}
    assert list(OpenAPIV31SpecValidator(broken).iter_errors()), "the validator can fail"


def test_verify(server: Server) -> None:
    """The CLR signing test vector's proofs verify through the service; a tampered copy's
    do not, and the answer says which."""
    vector = Path(__file__).resolve().parents[2].parent / (
        "shared/fixtures-upstream/clr/1edtech-obspec_clr2-testvector_signed.json"
    )
    if not vector.is_file():
        import pytest

        pytest.skip(f"{vector} is absent")
    good = server.request("POST", "/v1/verify?name=vector.json", vector.read_bytes()).json()
    assert good["ok"] is True and good["invalid"] == 0 and good["verified"] == 2
    doc = json.loads(vector.read_bytes())
    doc["name"] = doc.get("name", "") + " (edited)"
    bad = server.request("POST", "/v1/verify", orjson.dumps(doc)).json()
    assert bad["ok"] is False and bad["invalid"] >= 1
    unsigned = server.request("POST", "/v1/verify", OB3).json()
    assert unsigned["proofs"] == [] and unsigned["ok"] is True


def test_every_route_was_checked_against_openapi(server: Server) -> None:
    # runs last in this module: every route answered at least once, and each answer was
    # checked against the document by Server.request
    server.request("GET", "/")
    seen = {(m, p.split("?")[0]) for m, p, _ in server.seen}
    assert {(s.method, s.path) for s in ROUTES} <= seen
