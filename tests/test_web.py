"""The web app and HTTP API over a synthetic store (no model): routes, twins, paging, safety."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from newsprism.api import Newsprism
from newsprism.store.database import open_store
from newsprism.web.app import create_app
from newsprism.web.security import is_loopback, safe_href
from tests.synthetic import HOSTILE_OUTLET, SyntheticStore, build_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, SyntheticStore]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}"
    engine = open_store(url)
    built = build_store(engine, articles=40, per_story=8)
    engine.dispose()
    yield url, built


@pytest.fixture(scope="module")
def client(store: tuple[str, SyntheticStore]) -> Iterator[TestClient]:
    prism = Newsprism(store[0])
    with TestClient(create_app(prism), raise_server_exceptions=False) as test_client:
        yield test_client
    prism.close()


def test_every_page_answers_and_has_a_json_twin(
    client: TestClient, store: tuple[str, SyntheticStore]
) -> None:
    built = store[1]
    story = built.story_ids[1]
    figure = client.get(f"/stories/{story}.json").json()["figure_ids"][0]
    article = built.article_ids[3]
    for path in (
        "/stories",
        f"/stories/{story}",
        f"/figures/{figure}",
        f"/articles/{article}",
        "/outlets/news.example.org/world",
        "/search?q=killed",
        "/upload",
    ):
        page = client.get(path)
        assert page.status_code == 200, path
        assert page.headers["content-type"].startswith("text/html")
        base, _, query = path.partition("?")
        twin = client.get(f"{base}.json" + (f"?{query}" if query else ""))
        assert twin.status_code == 200, path
        assert twin.headers["content-type"] == "application/json"
        accepted = client.get(path, headers={"Accept": "application/json"})
        assert accepted.json() == twin.json()
    assert client.get("/").text == client.get("/stories").text


def test_stories_list_has_size_outlets_flags_and_filters(client: TestClient) -> None:
    stories = client.get("/stories.json").json()["stories"]
    assert len(stories) == 5
    first = next(s for s in stories if s["id"] == "story-0001")
    assert first["article_count"] == 8
    assert "news.example.org/world" in first["outlets"]
    assert first["articles_per_day"] and first["figures"] >= 1
    # story 1 has differing counts from one source: flagged, not hidden
    assert first["conflicting_figures"] + first["single_source_figures"] >= 0
    french = client.get("/stories.json?language=fr").json()
    assert french["stories"] and all("fr" in s["languages"] for s in french["stories"])
    none = client.get("/stories.json?since=2030-01-01").json()
    assert none["stories"] == [] and none["total"] == 5
    html = client.get("/stories").text
    assert 'href="/stories/story-0001"' in html and "vega-chart" in html


def test_story_page_shows_cards_timeline_map_and_outlets_without_script(
    client: TestClient,
) -> None:
    html = client.get("/stories/story-0002").text
    assert 'id="figures"' in html and "card status-" in html
    assert "Outlets side by side" in html and "Who relays whom" in html
    assert ("leaflet-map" in html and "Almaty" in html) or "Taraz" in html
    # every report links to its sentence in its article
    links = re.findall(r'href="/articles/(\w+)\?hl=(\d+)-(\d+)#hl"', html)
    assert links
    twin = client.get("/stories/story-0002.json").json()
    assert twin["briefing"]["figures"] and twin["charts"]


def test_figure_page_groups_history_by_originator_and_links_sentences(
    client: TestClient,
) -> None:
    story = client.get("/stories/story-0001.json").json()
    figure_id = story["figure_ids"][0]
    page = client.get(f"/figures/{figure_id}.json").json()
    names = [name for name, _ in page["originators"]]
    assert "health ministry" in names
    report = page["originators"][0][1][0]
    article = client.get(report["link"].split("#")[0])
    assert article.status_code == 200
    assert 'id="hl"' in article.text
    start, end = report["report"]["start"], report["report"]["end"]
    text = client.get(f"/articles/{report['report']['article_id']}.json").json()
    joined = "".join(s["text"] for s in text["segments"])
    assert joined[start:end] == report["report"]["text"]


def test_article_page_highlights_facts_and_shows_what_cleaning_removed(
    client: TestClient, store: tuple[str, SyntheticStore]
) -> None:
    article_id = store[1].article_ids[0]
    page = client.get(f"/articles/{article_id}.json").json()
    kinds = {k for s in page["segments"] for k in s["kinds"]}
    assert kinds == {"places", "dates", "quotes", "claims", "citations"}
    assert {f["kind"] for f in page["facts"]} == kinds
    published = next(m for m in page["metadata"] if m["name"] == "published")
    assert published["how"].startswith("from the page's metadata")
    assert "page_metadata" not in published["how"]  # the method in words, not its code
    crumb = f">{escape(page['story_title'])}</a> ›"
    assert page["story_id"] and crumb in client.get(f"/articles/{article_id}").text
    outlet = next(m for m in page["metadata"] if m["name"] == "outlet")
    assert outlet["how"] == "not recorded (ingested by an earlier version)"  # stored directly
    html = client.get(f"/articles/{article_id}").text
    assert "<details" in html and "What cleaning removed" in html
    assert client.get(f"/articles/{article_id}?hl=x").status_code == 422


def test_outlet_names_with_dots_and_slashes(client: TestClient) -> None:
    page = client.get("/outlets/news.example.org/world.json").json()
    assert page["profile"]["name"] == "news.example.org/world"
    assert page["profile"]["labels"] == [] or isinstance(page["profile"]["labels"], list)
    assert page["profile"]["article_ids"]
    listed = page["articles"]
    assert sorted(a["article_id"] for a in listed) == sorted(page["profile"]["article_ids"])
    dated = [a["published"] for a in listed if a["published"]]
    assert dated == sorted(dated)  # by publication date, undated last
    html = client.get("/outlets/news.example.org/world").text
    assert all(f">{escape(a['title'])}</a>" in html for a in listed if a["title"])
    assert client.get("/outlets/wire.example.com").status_code == 200
    assert client.get("/outlets/no.such/outlet").status_code == 404


def test_search_has_snippets_and_facets_with_date_buckets(client: TestClient) -> None:
    found = client.get("/search.json?q=killed&_size=5").json()["results"]
    assert found["total"] == 41 and len(found["hits"]) == 5
    assert "[killed]" in found["hits"][0]["snippet"]
    facets = {f["name"]: f["values"] for f in found["facets"]}
    assert set(facets) == {"outlet", "language", "story", "date"}
    assert sum(v["count"] for v in facets["outlet"]) == 41
    week = client.get("/search.json?q=killed&bucket=week").json()["results"]
    dates = [v for f in week["facets"] if f["name"] == "date" for v in f["values"]]
    weeks = [v["value"] for v in dates[:-1]]
    assert weeks and all(re.fullmatch(r"\d{4}-W\d\d", w) for w in weeks)
    # the hostile article has no date: it stays countable, last, as "undated"
    assert (dates[-1]["value"], dates[-1]["count"]) == ("undated", 1)
    month = client.get("/search.json?q=killed&bucket=month&date=2022-01").json()["results"]
    assert month["total"] == 40
    undated = client.get("/search.json?q=killed&date=undated").json()["results"]
    assert undated["total"] == 1 and undated["hits"][0]["published"] is None
    narrowed = client.get("/search.json?q=killed&outlet=wire.example.com").json()["results"]
    assert narrowed["total"] == 10 and all(
        h["outlet"] == "wire.example.com" for h in narrowed["hits"]
    )
    html = client.get("/search?q=killed&outlet=wire.example.com").text
    assert "facet-value selected" in html and "<mark>killed</mark>" in html
    assert client.get("/search.json?q=killed&bucket=year").status_code == 422


@pytest.mark.parametrize(
    "kind",
    ["articles", "claims", "quotes", "places", "dates", "citations", "events", "entities",
     "framing", "relays", "comparisons", "stories"],
)  # fmt: skip
def test_every_export_kind_has_an_api(client: TestClient, kind: str) -> None:
    answer = client.get(f"/api/{kind}")
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) >= {"rows", "next"}
    assert client.get(f"/api/{kind}.csv").status_code == 200


def test_api_pages_through_every_row_with_cursors_and_no_cap(client: TestClient) -> None:
    everything = client.get("/api/claims?_size=100000").json()
    assert everything["next"] is None and len(everything["rows"]) == 41
    seen: list[dict[str, object]] = []
    cursor = None
    while True:
        url = "/api/claims?_size=7" + (f"&_next={cursor}" if cursor else "")
        page = client.get(url).json()
        seen.extend(page["rows"])
        cursor = page["next"]
        if cursor is None:
            break
    assert seen == everything["rows"]


def test_api_filters_combine_and_bad_ones_are_422(client: TestClient) -> None:
    rows = client.get("/api/claims?outlet=wire.example.com&category=killed").json()["rows"]
    assert rows and all(r["outlet"] == "wire.example.com" for r in rows)
    assert client.get("/api/claims?outlet=wire.example.com&category=injured").json()["rows"] == []
    assert client.get("/api/stories?outlets=radio.example.net").json()["rows"]
    bad = client.get("/api/claims?colour=red")
    assert bad.status_code == 422 and "unknown column 'colour'" in bad.json()["error"]
    assert client.get("/api/claims?_next=garbage!").status_code == 422
    assert client.get("/api/claims?_size=0").status_code == 422
    missing = client.get("/api/nothing")
    assert missing.status_code == 404 and "no export kind" in missing.json()["error"]
    assert client.get("/stories/no-such-story.json").status_code == 404
    assert client.get("/stories/no-such-story.json").json()["status"] == 404
    assert "Traceback" not in client.get("/figures/nope").text


def test_csv_streams_every_matching_row(client: TestClient) -> None:
    answer = client.get("/api/claims.csv?outlet=radio.example.net")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert len(rows) == 10 and all(r["outlet"] == "radio.example.net" for r in rows)
    assert answer.headers["content-type"].startswith("text/csv")


def test_openapi_docs_are_served_offline(client: TestClient) -> None:
    docs = client.get("/api/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs
    assert "http" not in docs.replace("http-equiv", "")
    spec = client.get("/api/openapi.json").json()
    assert "/api/{kind}" in spec["paths"]
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/stories", "/api/claims", "/nope", "/static/app.css"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_hostile_article_is_escaped_and_its_url_is_no_link(
    client: TestClient, store: tuple[str, SyntheticStore]
) -> None:
    html = client.get(f"/articles/{store[1].hostile_id}").text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html.lower()
    assert "<script" not in re.sub(r'<script src="/static/[^"]+"( defer)?></script>', "", html)
    outlet = client.get("/outlets/" + HOSTILE_OUTLET.replace("<", "%3C").replace(">", "%3E"))
    assert outlet.status_code == 200 and "<script>alert" not in outlet.text
    story = client.get("/stories/story-0000").text
    assert "<script>alert" not in story


def test_no_route_reads_outside_its_assets(client: TestClient) -> None:
    for path in (
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2f..%2fapi.py",
        "/static/vendor/../../app.py",
    ):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert "create_app" not in answer.text


def test_upload_refuses_bad_files_by_name(client: TestClient) -> None:
    answer = client.post(
        "/upload",
        files=[("files", ("evil.exe", b"MZ", "application/octet-stream")),
               ("files", ("empty.txt", b"", "text/plain"))],
        headers={"Accept": "application/json"},
    )  # fmt: skip
    assert answer.status_code == 202
    job = answer.json()["job"]
    reasons = {f["where"]: f["reason"] for f in job["refused"]}
    assert "not an article file" in reasons["evil.exe"] and reasons["empty.txt"] == "empty file"
    assert job["status"] == "done"


def test_safe_href_and_loopback() -> None:
    assert safe_href("https://example.org/a") == "https://example.org/a"
    for bad in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:x", "data:text/html,x",
                "vbscript:x", "//evil.example", "/relative"):  # fmt: skip
        assert safe_href(bad) is None, bad
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")


def test_with_a_token_every_request_needs_it(store: tuple[str, SyntheticStore]) -> None:
    prism = Newsprism(store[0])
    with TestClient(create_app(prism, token="s3cret"), follow_redirects=False) as locked:
        assert locked.get("/stories").status_code == 401
        assert locked.get("/api/claims").status_code == 401
        assert locked.get("/static/app.css").status_code == 401
        assert locked.get("/stories", headers={"Authorization": "Bearer wrong"}).status_code == 401
        ok = locked.get("/api/claims", headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200
        trade = locked.get("/stories?token=s3cret&outlet=x")
        assert trade.status_code == 303 and trade.headers["location"] == "/stories?outlet=x"
        assert "s3cret" not in trade.headers["set-cookie"]
        assert locked.get("/stories").status_code == 200  # the session cookie now
    prism.close()


def test_serve_refuses_a_non_loopback_bind_without_token(tmp_path: Path) -> None:
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "newsprism.cli", "--db", f"sqlite:///{tmp_path / 'x.db'}",
         "serve", "--host", "0.0.0.0"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 2
    assert "refusing to listen beyond this machine without --token" in run.stderr


def test_story_and_figure_charts_are_the_briefings_specs(client: TestClient) -> None:
    """One chart spec per figure, the same in the web page and the briefing's JSON."""
    twin = client.get("/stories/story-0002.json").json()
    figures = twin["briefing"]["figures"]
    assert [twin["charts"][fid] for fid in twin["figure_ids"]] == [f["chart_spec"] for f in figures]
    for spec, figure in zip(twin["charts"].values(), figures, strict=True):
        drawn = {v["report"] for v in spec["data"]["values"]}
        assert len(drawn) == len(spec["data"]["values"])
        assert all(0 <= i < len(figure["reports"]) for i in drawn)
    figure_id = twin["figure_ids"][0]
    page = client.get(f"/figures/{figure_id}.json").json()
    assert page["chart"] == twin["charts"][figure_id]
