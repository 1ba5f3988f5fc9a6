"""Entity tags and their comparison (RFC 9110, sections 8.8.3 and 13.1)."""

import pytest

from quiver.core.conditional import (
    EntityTags,
    PreconditionFailedError,
    parse_entity_tags,
    strong_etag,
    tagged_response,
    weak_etag,
)
from quiver.schemas.api import Liveness


def tags(field: str) -> EntityTags:
    parsed = parse_entity_tags(field)
    assert parsed is not None
    return parsed


def test_an_etag_is_a_quoted_digest_of_the_exact_bytes() -> None:
    etag = strong_etag(b'{"a":1}')
    assert etag == strong_etag(b'{"a":1}')
    assert etag.startswith('"') and etag.endswith('"') and len(etag) == 34
    assert strong_etag(b'{"a": 1}') != etag
    assert weak_etag(b'{"a":1}') == "W/" + etag


@pytest.mark.parametrize("field", ["", " ", "\t "])
def test_an_empty_field_is_no_condition(field: str) -> None:
    assert parse_entity_tags(field) is None


def test_a_list_of_tags_is_read_with_blanks_empty_elements_and_commas_inside_tags() -> None:
    parsed = tags(' "a" ,, W/"b",\t"c,d" ,')
    assert parsed == EntityTags(
        any=False, strong=frozenset({'"a"', '"c,d"'}), weak=frozenset({'"b"'})
    )


@pytest.mark.parametrize("field", ["*", " * ", '"a", *'])
def test_star_matches_any_current_representation(field: str) -> None:
    parsed = tags(field)
    assert parsed.any
    assert parsed.strong_match('"x"') and parsed.weak_match('W/"x"')


@pytest.mark.parametrize(
    ("field", "kept"),
    [
        ("a", set()),
        ('"a" "b"', set()),
        ('"a", b, "c"', {'"a"'}),
        ('"a"x', set()),
        ('w/"a"', set()),
        ('"a', set()),
    ],
)
def test_reading_stops_at_the_first_malformed_element(field: str, kept: set[str]) -> None:
    parsed = tags(field)
    assert not parsed.any
    assert parsed.strong | parsed.weak == kept


# RFC 9110, section 8.8.3.2: the table of weak and strong comparisons.
@pytest.mark.parametrize(
    ("sent", "current", "strong", "weak"),
    [
        ('W/"1"', 'W/"1"', False, True),
        ('W/"1"', 'W/"2"', False, False),
        ('W/"1"', '"1"', False, True),
        ('"1"', '"1"', True, True),
    ],
)
def test_comparison_follows_the_rfc_table(
    sent: str, current: str, strong: bool, weak: bool
) -> None:
    parsed = tags(sent)
    assert parsed.strong_match(current) is strong
    assert parsed.weak_match(current) is weak


def test_a_strong_tag_sent_matches_a_weak_current_one_only_weakly() -> None:
    parsed = tags('"1"')
    assert not parsed.strong_match('W/"1"')
    assert parsed.weak_match('W/"1"')


def test_require_passes_for_the_current_representation_and_star() -> None:
    model = Liveness(status="ok")
    current = strong_etag(model.model_dump_json().encode())
    tags(f'"other", {current}').require(model)
    tags(f'"other", {current}').require(model.model_dump_json().encode())
    tags("*").require(model)


@pytest.mark.parametrize("field", ['"other"', "W/{current}", "garbage"])
def test_require_refuses_anything_else_with_precondition_failed(field: str) -> None:
    model = Liveness(status="ok")
    current = strong_etag(model.model_dump_json().encode())
    with pytest.raises(PreconditionFailedError) as raised:
        tags(field.format(current=current)).require(model)
    assert (raised.value.status, raised.value.code) == (412, "precondition_failed")


def test_a_tagged_response_is_200_with_the_etag_or_304_without_a_body() -> None:
    body = b'{"status":"ok"}'
    full = tagged_response(body)
    assert (full.status_code, full.body, full.headers["etag"]) == (200, body, strong_etag(body))
    assert full.headers["content-type"] == "application/json"
    unchanged = tagged_response(body, if_none_match=tags(strong_etag(body)))
    assert (unchanged.status_code, unchanged.body) == (304, b"")
    assert unchanged.headers["etag"] == strong_etag(body)
    assert "content-length" not in unchanged.headers
    assert "content-type" not in unchanged.headers
    changed = tagged_response(body, if_none_match=tags('"other"'))
    assert changed.status_code == 200


def test_a_weak_tagged_response_matches_its_tag_in_either_form() -> None:
    body = b'{"items":[]}'
    weak = tagged_response(body, weak=True)
    assert weak.headers["etag"] == weak_etag(body)
    for sent in (weak_etag(body), strong_etag(body)):
        assert tagged_response(body, if_none_match=tags(sent), weak=True).status_code == 304
