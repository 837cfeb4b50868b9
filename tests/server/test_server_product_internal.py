"""Internal product endpoints and the WSBF upload, over plain HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

WSBF = "http://wats.virinco.com/schemas/WATS/wsbf"


def _revision(client: httpx.Client, pn: str, rev: str) -> dict[str, Any]:
    client.put("/api/Product", json={"partNumber": pn}).raise_for_status()
    answer = client.put("/api/Product/Revision", json={"partNumber": pn, "revision": rev})
    answer.raise_for_status()
    return dict(answer.json())


def test_box_build_relations(client: httpx.Client) -> None:
    parent, child = _revision(client, "BOX", "A"), _revision(client, "PCB", "1")
    line = {
        "ParentProductRevisionId": parent["productRevisionId"],
        "ProductRevisionId": child["productRevisionId"],
    }
    created = client.post("/api/internal/Product/PostProductRevisionRelation", json={**line, "Quantity": 2})
    assert created.status_code == 200
    relation = created.json()
    assert (
        relation["Quantity"] == 2
        and relation["ChildPartNumber"] == "PCB"
        and relation["ProductRevisionRelationId"]
    )
    again = client.post("/api/internal/Product/PostProductRevisionRelation", json=line)
    assert again.status_code == 409

    info = client.get(
        "/api/internal/Product/GetProductInfo", params={"partNumber": "BOX", "revision": "A"}
    ).json()
    assert [(row["hlevel"], row["PartNumber"]) for row in info] == [(0, "BOX"), (1, "PCB")]
    assert info[1]["ProductRevisionRelationId"] == relation["ProductRevisionRelationId"]

    changed = client.put(
        "/api/internal/Product/PutProductRevisionRelation",
        json={**relation, "Quantity": 3, "RevisionMask": "1,2"},
    )
    assert changed.json()["Quantity"] == 3 and changed.json()["RevisionMask"] == "1,2"
    moved = client.put(
        "/api/internal/Product/PutProductRevisionRelation",
        json={**relation, "ProductRevisionId": parent["productRevisionId"]},
    )
    assert moved.status_code == 400 and "cannot change" in moved.json()["Message"]

    params = {"productRevisionRelationId": relation["ProductRevisionRelationId"]}
    assert client.delete("/api/internal/Product/DeleteProductRevisionRelation", params=params).json() is True
    assert (
        client.delete("/api/internal/Product/DeleteProductRevisionRelation", params=params).status_code == 404
    )


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({}, 400, "ParentProductRevisionId"),
        ({"ParentProductRevisionId": "00000000-0000-0000-0000-000000000001"}, 400, "ProductRevisionId"),
        (
            {
                "ParentProductRevisionId": "00000000-0000-0000-0000-000000000001",
                "ProductRevisionId": "00000000-0000-0000-0000-000000000002",
            },
            404,
            "not found",
        ),
        ({"ParentProductRevisionId": "x", "ProductRevisionId": "y"}, 400, "ParentProductRevisionId"),
    ],
)
def test_relation_errors(client: httpx.Client, body: dict[str, Any], status: int, words: str) -> None:
    answer = client.post("/api/internal/Product/PostProductRevisionRelation", json=body)
    assert answer.status_code == status and words in answer.json()["Message"]


def test_wsbf_upload(client: httpx.Client) -> None:
    _revision(client, "BOARD", "A")
    document = (
        f'<?xml version="1.0"?><BOM xmlns="{WSBF}" Partnumber="BOARD" Revision="A" Desc="x">'
        '<Component Number="R-1" Rev="2" Qty="4" Ref="R1;R2;R3;R4" Desc="10k"/>'
        '<Component Number="C-1"/></BOM>'
    )
    answer = client.put("/api/Product/BOM", content=document, headers={"Content-Type": "application/xml"})
    assert answer.status_code == 200
    lines = client.get("/api/internal/Product/Bom", params={"partNumber": "BOARD", "revision": "A"}).json()
    assert [(x["partNumber"], x.get("revision"), x["quantity"], x.get("componentRef")) for x in lines] == [
        ("R-1", "2", 4, "R1;R2;R3;R4"),
        ("C-1", None, 1, None),
    ]


def test_wsbf_upload_in_an_encoding_expat_cannot_read_itself(client: httpx.Client) -> None:
    _revision(client, "BOARD", "A")
    document = (
        f'<?xml version="1.0" encoding="Shift_JIS"?><BOM xmlns="{WSBF}" Partnumber="BOARD" Revision="A">'
        '<Component Number="抵抗-1" Qty="2" Desc="10kΩ"/></BOM>'
    ).encode("shift_jis")
    answer = client.put("/api/Product/BOM", content=document, headers={"Content-Type": "application/xml"})
    assert answer.status_code == 200, answer.text
    lines = client.get("/api/internal/Product/Bom", params={"partNumber": "BOARD", "revision": "A"}).json()
    assert [(x["partNumber"], x["quantity"]) for x in lines] == [("抵抗-1", 2)]


@pytest.mark.parametrize(
    ("document", "words"),
    [
        (
            b'<?xml version="1.0" encoding="EUC-JP"?><BOM Partnumber="BOARD" Revision="A">\xff\xff</BOM>',
            "EUC-JP",
        ),
        (b'<?xml version="1.0" encoding="Shift_JIS"?><!DOCTYPE BOM [<!ENTITY x "y">]><BOM/>', "DOCTYPE"),
    ],
)
def test_wsbf_in_a_declared_encoding_is_still_checked(
    client: httpx.Client, document: bytes, words: str
) -> None:
    _revision(client, "BOARD", "A")
    answer = client.put("/api/Product/BOM", content=document, headers={"Content-Type": "application/xml"})
    assert answer.status_code == 400 and words in answer.json()["Message"]


@pytest.mark.parametrize(
    ("document", "status", "words"),
    [
        ('<!DOCTYPE BOM [<!ENTITY x "y">]><BOM Partnumber="BOARD" Revision="A"/>', 400, "DOCTYPE"),
        (
            '<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<BOM Partnumber="BOARD" Revision="A"><Component Number="&b;"/></BOM>',
            400,
            "DOCTYPE",
        ),
        ('<BOM Partnumber="BOARD" Revision="A"><Component Number="X" Qty="two"/></BOM>', 400, "Qty"),
        ('<BOM Partnumber="BOARD" Revision="A"><Component Qty="1"/></BOM>', 400, "partNumber"),
        ('<BOM Revision="A"/>', 400, "Partnumber"),
        ("<Bill/>", 400, "root element"),
        ("<BOM", 400, "well-formed"),
        ('<BOM Partnumber="BOARD" Revision="Z"/>', 404, "Revision 'Z'"),
    ],
)
def test_bad_wsbf_documents(client: httpx.Client, document: str, status: int, words: str) -> None:
    _revision(client, "BOARD", "A")
    answer = client.put("/api/Product/BOM", content=document, headers={"Content-Type": "application/xml"})
    assert answer.status_code == status and words in answer.json()["Message"]


def test_internal_bom_json(client: httpx.Client) -> None:
    _revision(client, "P", "1")
    params = {"partNumber": "P", "revision": "1"}
    stored = client.put(
        "/api/internal/Product/BOM", params=params, json=[{"PartNumber": "X", "CompRef": "U1"}]
    )
    assert stored.json()[0]["componentRef"] == "U1"
    xml = client.put("/api/internal/Product/BOM", params={**params, "format": "xml"}, json=[])
    assert xml.status_code == 400 and "json" in xml.json()["Message"]
    zero = client.put("/api/internal/Product/BOM", params=params, json=[{"partNumber": "X", "quantity": 0}])
    assert zero.status_code == 400 and "quantity" in zero.json()["Message"]


def test_routes_and_query_names_are_case_insensitive(client: httpx.Client) -> None:
    _revision(client, "P", "1")
    answer = client.get("/API/INTERNAL/product/bom", params={"PARTNUMBER": "P", "Revision": "1"})
    assert answer.status_code == 200 and answer.json() == []
    product = client.get("/api/internal/Product/GetProductByPN", params={"pn": "P"})
    assert product.json()["partNumber"] == "P" and product.json()["revisions"][0]["revision"] == "1"


def test_tags_categories_and_groups(client: httpx.Client) -> None:
    _revision(client, "P", "1")
    tags = [{"key": "a", "value": "1"}, {"key": "b", "value": "2"}, {"key": "a", "change": 3}]
    assert client.put(
        "/api/internal/Product/PutProductTags", params={"partNumber": "P"}, json=tags
    ).json() == [{"key": "b", "value": "2"}]
    params = {"partNumber": "P", "revision": "1"}
    client.put("/api/internal/Product/PutRevisionTags", params=params, json=[{"key": "fw", "value": "9"}])
    assert client.get("/api/internal/Product/GetRevisionTags", params=params).json() == [
        {"key": "fw", "value": "9"}
    ]
    assert client.get("/api/internal/Product/GetProductTags", params={"partNumber": "Q"}).status_code == 404

    [category] = client.put("/api/internal/Product/PutProductCategories", json=[{"name": "PCBA"}]).json()
    client.put("/api/Product", json={"partNumber": "P", "productCategoryId": category["categoryId"]})
    refused = client.put("/api/internal/Product/PutProductCategories", json=[])
    assert refused.status_code == 409 and "PCBA" in refused.json()["Message"]

    client.put("/api/Product/Group", json={"productGroupName": "All P", "filter": "P%"})
    client.put("/api/Product/Group", json={"productGroupName": "None", "filter": "X_"})
    groups = client.get("/api/internal/Product/GetGroupsForProduct", params={"partNumber": "P"}).json()
    assert [g["productGroupName"] for g in groups] == ["All P"]
