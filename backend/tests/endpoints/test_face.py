"""GET /api/v0/face and /api/v0/face/{face_type}."""

from httpx import AsyncClient

from quiver.schemas.api import FaceType


async def test_list_faces_returns_every_face_of_the_catalogue(client: AsyncClient) -> None:
    response = await client.get("/api/v0/face")
    assert response.status_code == 200
    face_types = [face["face_type"] for face in response.json()["items"]]
    assert face_types == [face_type.value for face_type in FaceType]


async def test_get_face_returns_the_122_cm_geometry_in_millimetres(client: AsyncClient) -> None:
    response = await client.get("/api/v0/face/wa_122")
    assert response.status_code == 200
    face = response.json()
    assert face["diameter_mm"] == 1220
    assert face["x_diameter_mm"] == 61
    assert face["max_arrow_score"] == 10
    assert face["scoring_style"] == "recurve_x"
    assert face["rings"][0] == {"score": 10, "outer_diameter_mm": 122, "colour": "gold"}
    assert face["rings"][-1] == {"score": 1, "outer_diameter_mm": 1220, "colour": "white"}
    assert face["spots"] == [{"x_mm": 0, "y_mm": 0}]


async def test_get_face_of_a_triple_spot_face_lists_three_spots(client: AsyncClient) -> None:
    response = await client.get("/api/v0/face/wa_40_triple_vertical")
    assert response.status_code == 200
    face = response.json()
    assert len(face["spots"]) == 3
    assert [ring["score"] for ring in face["rings"]] == [10, 9, 8, 7, 6]


async def test_get_face_of_an_unknown_type_is_a_validation_problem(client: AsyncClient) -> None:
    response = await client.get("/api/v0/face/wa_200")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "validation_failed"
    assert problem["errors"][0]["pointer"] == "#/path/face_type"


async def test_get_face_of_a_face_without_an_x_gives_a_null_x_diameter(
    client: AsyncClient,
) -> None:
    response = await client.get("/api/v0/face/imperial_122")
    assert response.status_code == 200
    face = response.json()
    assert face["x_diameter_mm"] is None
    assert face["scoring_style"] == "imperial_five_zone"
    assert face["max_arrow_score"] == 9
    assert [ring["score"] for ring in face["rings"]] == [9, 7, 5, 3, 1]


async def test_get_face_of_an_eleven_zone_face_has_a_ring_worth_eleven(
    client: AsyncClient,
) -> None:
    response = await client.get("/api/v0/face/wa_80_11_zone")
    assert response.status_code == 200
    face = response.json()
    assert face["max_arrow_score"] == 11
    assert face["rings"][0] == {"score": 11, "outer_diameter_mm": 40, "colour": "gold"}


async def test_get_face_returns_the_nfaa_indoor_geometry(client: AsyncClient) -> None:
    response = await client.get("/api/v0/face/nfaa_indoor")
    assert response.status_code == 200
    face = response.json()
    assert (face["diameter_mm"], face["x_diameter_mm"], face["max_arrow_score"]) == (400, 40, 5)
    assert face["rings"][0] == {"score": 5, "outer_diameter_mm": 80, "colour": "white"}
    assert face["rings"][1:] == [
        {"score": score, "outer_diameter_mm": diameter, "colour": "blue"}
        for score, diameter in [(4, 160), (3, 240), (2, 320), (1, 400)]
    ]


async def test_get_face_of_the_worcester_face_is_sixteen_inches(client: AsyncClient) -> None:
    response = await client.get("/api/v0/face/worcester")
    assert response.status_code == 200
    face = response.json()
    assert face["diameter_mm"] == 406.4
    assert [ring["outer_diameter_mm"] for ring in face["rings"]] == [
        81.28,
        162.56,
        243.84,
        325.12,
        406.4,
    ]
