#!/usr/bin/env python3
"""A client of the khuyencong service in Python, standard library only.

What a provincial system (a C#, Java or Python back office) does with the service: evaluate a
proposal, allocate a plan's envelope, store the proposal and its evaluation, sign a contract on
it, post the first advance, read the ledger. Every figure is checked against the hand-worked
figures of packages/rules-2021-2025/cases/caps.yaml (see fixtures.json).

    python3 client.py BASE_URL FIXTURES_JSON SUFFIX

Tokens come from KHUYENCONG_READER_TOKEN, KHUYENCONG_PLANNER_TOKEN, KHUYENCONG_LEDGER_TOKEN.
SUFFIX makes the proposal and contract ids unique in a shared store. Prints one line per step;
exits 1 on the first wrong answer.
"""
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request


def call(base, method, path, token=None, body=None):
    data = None if body is None else json.dumps(body).encode("utf-8")
    req = urllib.request.Request(base + urllib.parse.quote(path, safe="/?=&"), data=data, method=method)
    req.add_header("accept", "application/json")
    if data is not None:
        req.add_header("content-type", "application/json")
    if token is not None:
        req.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=60) as res:
            return res.status, json.loads(res.read().decode("utf-8"))
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read().decode("utf-8"))


def expect(what, actual, wanted):
    if actual != wanted:
        print("FAIL %s: got %r, expected %r" % (what, actual, wanted))
        sys.exit(1)
    print("ok   %s = %r" % (what, actual))


def main():
    base, fixtures_path, suffix = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(fixtures_path, encoding="utf-8") as f:
        fx = json.load(f)
    reader = os.environ["KHUYENCONG_READER_TOKEN"]
    planner = os.environ["KHUYENCONG_PLANNER_TOKEN"]
    ledger = os.environ["KHUYENCONG_LEDGER_TOKEN"]

    # 1. Evaluate: cost 1.000.000.000, requested 500.000.000; 50 % = 500.000.000 > cap 300.000.000.
    status, body = call(base, "POST", "/evaluate", reader, {"proposal": fx["above"], "establishments": fx["establishments"], "date": fx["date"]})
    expect("evaluate status", status, 200)
    ev = body["evaluation"]
    expect("evaluate verdict", ev["verdict"], "eligible")
    expect("evaluate payable (đồng, decimal string)", ev["payable"], "300000000")
    expect("evaluate pack", ev["packId"], "vn-khuyen-cong-2021-2025")

    # A reader may not allocate.
    status, body = call(base, "POST", "/allocate", reader, {"plan": fx["plan"], "proposals": [], "establishments": []})
    expect("allocate as reader", (status, body["error"]["code"]), (403, "auth/forbidden"))

    # 2. Allocate 400.000.000 whole-only: 300.000.000 (first submitted) fits, 200.000.000 does not.
    status, body = call(base, "POST", "/allocate", planner, {
        "plan": fx["plan"], "proposals": [fx["above"], fx["below"]], "establishments": fx["establishments"],
        "policy": {"kind": "whole-only"}, "submittedOn": {fx["above"]["id"]: "2023-05-01", fx["below"]["id"]: "2023-05-02"}})
    expect("allocate status", status, 200)
    expect("allocated", body["totals"]["allocated"], "300000000")
    expect("unallocated", body["totals"]["unallocated"], "100000000")
    decisions = {p["proposalId"]: p["decision"] for p in body["proposals"]}
    expect("decisions", decisions, {fx["above"]["id"]: "funded", fx["below"]["id"]: "unfunded"})

    # 3. Store the proposal and its evaluation; sign a contract on it.
    proposal = dict(fx["above"], id=fx["above"]["id"] + "-" + suffix)
    status, body = call(base, "POST", "/proposals", planner, {"proposal": proposal, "establishments": fx["establishments"], "status": "approved"})
    expect("save proposal", (status, body["version"]), (201, 1))
    status, body = call(base, "POST", "/proposals/%s/evaluations" % proposal["id"], planner, {"date": fx["date"]})
    expect("stored evaluation", (status, body["payable"]), (201, "300000000"))
    contract_id = "HĐ-PY-" + suffix
    status, body = call(base, "POST", "/contracts", planner, {
        "id": contract_id, "approvedSupport": "300000000", "activities": ["machinery"], "signed": "2023-07-05",
        "approved": "2023-06-30", "planYear": 2023, "province": "19",
        "evaluation": {"proposalId": proposal["id"], "evaluationId": body["id"]}})
    expect("contract", (status, body["contract"]["approvedSupport"], body["contract"]["advanceTier"]), (201, "300000000", "investment"))

    # 4. First advance: 70 % of 300.000.000 = 210.000.000 once progress passes 70 % (75 % here).
    advance = {"id": "a1", "idempotencyKey": "py-a1", "kind": "advance", "date": "2023-08-01", "amount": "210000000", "evidence": {"progressShare": "75%"}}
    status, body = call(base, "POST", "/contracts/%s/events" % contract_id, planner, advance)
    expect("advance as planner", (status, body["error"]["code"]), (403, "auth/forbidden"))
    status, body = call(base, "POST", "/contracts/%s/events" % contract_id, ledger, advance)
    expect("advance", (status, body["balances"]["advanced"], body["balances"]["remaining"]), (201, "210000000", "90000000"))
    expect("advance author is the token's principal", body["event"]["author"], os.environ.get("KHUYENCONG_LEDGER_PRINCIPAL", body["event"]["author"]))
    # The same request again (a lost acknowledgement) writes nothing.
    status, body = call(base, "POST", "/contracts/%s/events" % contract_id, ledger, advance)
    expect("retried advance", (status, body["replayed"]), (200, True))
    # 1 đồng more than the advance limit is refused.
    status, body = call(base, "POST", "/contracts/%s/events" % contract_id, ledger, dict(advance, id="a2", idempotencyKey="py-a2", amount="1"))
    expect("advance beyond the limit", status, 409)

    status, body = call(base, "GET", "/contracts/%s/ledger" % contract_id, ledger)
    expect("ledger", (status, len(body["events"]), body["balances"]["advanced"]), (200, 1, "210000000"))
    print("python client: all answers as expected")


if __name__ == "__main__":
    main()
