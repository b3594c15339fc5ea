"""Queries: SPARQL text, .rq files, named queries with parameters, and the result formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.query import Result

from dealgraph.errors import InputError, QueryError, UnknownEntityError
from dealgraph.facts import FactSheet
from dealgraph.pipeline import load_sheets
from dealgraph.query import (
    bind_values,
    format_result,
    load_named_queries,
    prepare,
    run_query,
    where_group_start,
)
from dealgraph.store import EmbeddedStore, GraphStore

ID = "https://w3id.org/dealgraph/id/"


def test_contracts_with_answers_huawei_and_mts(seeded: EmbeddedStore) -> None:
    r = run_query(seeded, "SELECT ?a ?b WHERE { ?a dg:contractsWith ?b } ORDER BY ?a")
    assert [(a.value, b.value) for a, b in r.rows] == [
        (ID + "entity/huawei", ID + "entity/mts"),
        (ID + "entity/mts", ID + "entity/huawei"),
    ]


@pytest.mark.parametrize(
    "name", ["Huawei", "huawei", "HUAWEI", "Huawei Technologies", "Q160120", ID + "entity/huawei"]
)
def test_deals_of_takes_any_name_of_the_entity(seeded: EmbeddedStore, name: str) -> None:
    r = run_query(seeded, "deals-of", {"org": name})
    rows = r.dicts()
    assert [row["partnerLabel"].value for row in rows] == ["MTS"]
    assert rows[0]["date"].value == "2019-06-05" and rows[0]["precision"].value == "day"
    assert "Huawei sloot namelijk een lucratieve deal" in rows[0]["evidence"].value


def test_bans_on_huawei(seeded: EmbeddedStore) -> None:
    rows = run_query(seeded, "bans-on", {"target": "Huawei"}).dicts()
    assert [r["imposerLabel"].value for r in rows] == ["United States"]
    assert rows[0]["qualifier"].value == "before"


def test_signed_during_visits(seeded: EmbeddedStore) -> None:
    rows = run_query(seeded, "signed-during-visits").dicts()
    assert len(rows) == 1
    row = rows[0]
    assert (row["parties"].value, row["visitorLabel"].value, row["hostLabel"].value) == (
        "Huawei – MTS",
        "Xi Jinping",
        "Russia",
    )
    assert "staatsbezoek" in row["evidence"].value


def test_relations_of_lists_both_directions(seeded: EmbeddedStore) -> None:
    rows = run_query(seeded, "relations-of", {"entity": "Verenigde Staten"}).dicts()
    got = {
        (r["direction"].value, r["relation"].value.rsplit("#", 1)[1], r["otherLabel"].value)
        for r in rows
    }
    assert got == {
        ("out", "bans", "Huawei"),
        ("out", "accuses", "Huawei"),
        ("in", "disregardsAppealOf", "Russia"),
    }


def test_every_named_query_documents_itself() -> None:
    queries = load_named_queries()
    assert {"deals-of", "bans-on", "signed-during-visits", "relations-of"} <= set(queries)
    for q in queries.values():
        assert q.summary.endswith("?"), q.name
        for p in q.params:
            assert p.description, (q.name, p.name)


def test_rq_file(seeded: EmbeddedStore, tmp_path: Path) -> None:
    f = tmp_path / "q.rq"
    f.write_text(
        "SELECT ?l WHERE { ?e a dg:State ; rdfs:label ?l FILTER(lang(?l) = 'nl') } ORDER BY ?l"
    )
    assert run_query(seeded, str(f)).values("l") == [
        "China",
        "Frankrijk",
        "Rusland",
        "Verenigde Staten",
    ]


def test_bad_sparql_gets_line_and_column(seeded: EmbeddedStore) -> None:
    with pytest.raises(QueryError) as info:
        run_query(seeded, "SELECT ?a\nWHERE { ?a dg:x ?b . FILTER( }")
    assert str(info.value).startswith("bad SPARQL: error at 2:")
    assert "(line 2, column" in str(info.value)
    assert "WHERE { ?a dg:x ?b . FILTER( }" in str(info.value)


def test_unknown_entity_suggests_names(seeded: EmbeddedStore) -> None:
    with pytest.raises(UnknownEntityError) as info:
        run_query(seeded, "deals-of", {"org": "Huawey"})
    assert str(info.value) == "no entity named 'Huawey' in the store; did you mean 'Huawei'?"


def test_names_are_read_once_per_store_state(
    store: EmbeddedStore, seed: FactSheet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Resolving a parameter reads every name in the store (tens of ms at a million triples):
    once per store state, and again after any write, which may add or rename entities."""
    import dealgraph.resolve

    builds: list[str | None] = []
    real = dealgraph.resolve.entity_index

    def counting(s: GraphStore) -> dealgraph.resolve.EntityIndex:
        builds.append(s.generation())
        return real(s)

    monkeypatch.setattr(dealgraph.resolve, "entity_index", counting)
    with pytest.raises(UnknownEntityError):
        run_query(store, "deals-of", {"org": "Huawei"})
    load_sheets(store, [seed])
    first = run_query(store, "deals-of", {"org": "Huawei"})
    again = run_query(store, "bans-on", {"target": "huawei"})
    assert first.rows and again.rows
    assert len(builds) == 2 and builds[0] != builds[1]  # the write was seen, then reused


def test_a_bound_named_query_is_kept_until_the_store_changes(
    store: EmbeddedStore, seed: FactSheet
) -> None:
    """The same question twice is bound once; after a write that gives the name to another
    entity, the name resolves afresh."""
    load_sheets(store, [seed])
    first, nq = prepare(store, "deals-of", {"org": "Mobile TeleSystems"})
    assert nq is not None and f"<{ID}entity/mts>" in first
    assert prepare(store, "deals-of", {"org": "Mobile TeleSystems"})[0] is first
    assert prepare(store, "deals-of", {"org": "Huawei"})[0] != first
    store.update(
        f"""DELETE WHERE {{ GRAPH ?g {{ <{ID}entity/mts> skos:altLabel ?a }} }} ;
        INSERT DATA {{ GRAPH <urn:x:g> {{
          <urn:x:other> a dg:Entity ; rdfs:label "Mobile TeleSystems"@en }} }}"""
    )
    again, _ = prepare(store, "deals-of", {"org": "Mobile TeleSystems"})
    assert "<urn:x:other>" in again and f"<{ID}entity/mts>" not in again


def test_parameter_errors(seeded: EmbeddedStore) -> None:
    with pytest.raises(InputError, match=r"query deals-of needs --param org=\.\.\. \(entity\)"):
        run_query(seeded, "deals-of")
    with pytest.raises(
        InputError, match=r"query deals-of has no parameter company; it takes: org \(entity\)"
    ):
        run_query(seeded, "deals-of", {"org": "Huawei", "company": "x"})
    with pytest.raises(InputError, match=r"no named query 'deals-off'; did you mean 'deals-of'\?"):
        run_query(seeded, "deals-off")


# --- formats --------------------------------------------------------------------------------


def test_json_is_standard_sparql_results_json(seeded: EmbeddedStore) -> None:
    r = run_query(seeded, "deals-of", {"org": "Huawei"})
    text = format_result(r, "json")
    parsed = Result.parse(io.StringIO(text), format="json")
    rows = list(parsed)
    assert len(rows) == 1 and str(rows[0]["partnerLabel"]) == "MTS"
    assert (
        json.loads(text)["results"]["bindings"][0]["date"]["datatype"]
        == "http://www.w3.org/2001/XMLSchema#date"
    )


def test_csv_and_tsv(seeded: EmbeddedStore) -> None:
    r = run_query(seeded, "SELECT ?e ?l WHERE { ?e a dg:Person ; rdfs:label ?l }")
    rows = list(csv.reader(io.StringIO(format_result(r, "csv"))))
    assert rows == [["e", "l"], [ID + "entity/xi-jinping", "Xi Jinping"]]
    tsv = format_result(r, "tsv").splitlines()
    assert tsv == ["?e\t?l", f'<{ID}entity/xi-jinping>\t"Xi Jinping"']
    parsed = Result.parse(io.StringIO(format_result(r, "tsv")), format="tsv")
    assert [str(row["l"]) for row in parsed] == ["Xi Jinping"]


def test_ask_and_construct(seeded: EmbeddedStore) -> None:
    assert (
        format_result(run_query(seeded, "ASK { ?a dg:bans ?b }"), "json")
        == '{\n  "head": {},\n  "boolean": true\n}'
    )
    r = run_query(seeded, "CONSTRUCT { ?a dg:bans ?b } WHERE { ?a dg:bans ?b }")
    assert r.kind == "graph" and len(r.triples) == 1
    assert "dg:bans" in format_result(r, "turtle")


def test_table_marks_row_count(seeded: EmbeddedStore) -> None:
    out = format_result(run_query(seeded, "SELECT ?a ?b WHERE { ?a dg:contractsWith ?b }"), "table")
    assert out.splitlines()[0].split() == ["a", "b"] and out.endswith("(2 rows)")
    assert "dgid:entity/huawei" in out


# --- binding parameters: a parser, so property tests --------------------------------------------

_comment = st.sampled_from(["", "# a { comment }\n", "# WHERE {\n"])
_space = st.sampled_from([" ", "\n", "  \t", "\n\n"])


@settings(max_examples=150, deadline=None)
@given(
    c1=_comment,
    c2=_comment,
    s1=_space,
    s2=_space,
    form=st.sampled_from(["select", "construct", "ask", "describe"]),
    where=st.booleans(),
)
def test_bind_values_lands_in_the_where_group(
    c1: str, c2: str, s1: str, s2: str, form: str, where: bool
) -> None:
    body = '?s ?p "a { string }" . FILTER(?p != <http://x/{y}>)'
    kw = f"WHERE{s2}" if where or form == "construct" else ""
    head = {
        "select": f"{c1}SELECT ?s{s1}",
        "construct": f"{c1}CONSTRUCT {{ ?s ?p ?o }}{s1}",
        "ask": f"{c1}ASK{s1}",
        "describe": f"{c1}DESCRIBE ?s{s1}",
    }[form]
    query = f"{head}{c2}{kw}{{ {body} }}"
    at = where_group_start(query)
    assert query[at - 1] == "{" and query[at:].startswith(f" {body}")
    bound = bind_values(query, {"s": "<http://e/1>"})
    assert "VALUES ?s { <http://e/1> }" in bound.split(body)[0].split("WHERE")[-1]


def test_bound_query_is_valid_sparql(seeded: EmbeddedStore) -> None:
    for q in load_named_queries().values():
        text = bind_values(q.text, {p.name: f"<{ID}entity/huawei>" for p in q.params})
        seeded.query(text)  # parses and runs
