"""GET /api/v0/round and /api/v0/round/{code}."""

from httpx import AsyncClient

from quiver.services.rounds import ROUNDS


async def test_list_rounds_returns_the_whole_catalogue(client: AsyncClient) -> None:
    response = await client.get("/api/v0/round")
    assert response.status_code == 200
    codes = [round_["code"] for round_ in response.json()["items"]]
    assert codes == list(ROUNDS)
    assert {"wa1440_90", "wa18", "portsmouth", "worcester", "vegas_300", "nfaa_300"} <= set(codes)


async def test_list_rounds_filters_by_location_and_body(client: AsyncClient) -> None:
    response = await client.get("/api/v0/round", params={"location": "indoor", "body": "nfaa"})
    assert response.status_code == 200
    assert [round_["code"] for round_ in response.json()["items"]] == ["nfaa_300"]


async def test_list_rounds_filters_by_location(client: AsyncClient) -> None:
    response = await client.get("/api/v0/round", params={"location": "field"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert items
    assert {round_["location"] for round_ in items} == {"field"}


async def test_list_rounds_with_no_match_returns_an_empty_list(client: AsyncClient) -> None:
    response = await client.get("/api/v0/round", params={"location": "field", "body": "nfaa"})
    assert response.status_code == 200
    assert response.json() == {"items": []}


async def test_list_rounds_with_an_unknown_filter_value_is_a_validation_problem(
    client: AsyncClient,
) -> None:
    response = await client.get("/api/v0/round", params={"location": "moon"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "validation_failed"
    assert problem["errors"][0]["pointer"] == "#/query/location"


async def test_get_round_returns_the_nfaa_300(client: AsyncClient) -> None:
    response = await client.get("/api/v0/round/nfaa_300")
    assert response.status_code == 200
    assert response.json() == {
        "code": "nfaa_300",
        "name": "NFAA 300",
        "body": "nfaa",
        "location": "indoor",
        "passes": [
            {
                "distance": 20,
                "distance_unit": "yd",
                "arrows": 60,
                "arrows_per_end": 5,
                "face_type": "nfaa_indoor",
                "max_score": 300,
            }
        ],
        "arrows": 60,
        "max_score": 300,
    }


async def test_get_round_returns_the_wa_1440_passes_in_shooting_order(
    client: AsyncClient,
) -> None:
    response = await client.get("/api/v0/round/wa1440_90")
    assert response.status_code == 200
    round_ = response.json()
    assert [(p["distance"], p["face_type"]) for p in round_["passes"]] == [
        (90, "wa_122"),
        (70, "wa_122"),
        (50, "wa_80"),
        (30, "wa_80"),
    ]
    assert (round_["arrows"], round_["max_score"]) == (144, 1440)


async def test_get_round_of_an_unknown_code_is_a_not_found_problem(client: AsyncClient) -> None:
    response = await client.get("/api/v0/round/wa1440_100")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "round_not_found"
    assert problem["status"] == 404
    assert problem["instance"] == "/api/v0/round/wa1440_100"


async def test_get_round_of_a_malformed_code_is_a_validation_problem(client: AsyncClient) -> None:
    response = await client.get("/api/v0/round/WA-1440")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "validation_failed"
    assert problem["errors"][0]["pointer"] == "#/path/code"
