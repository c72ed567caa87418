"""Main-text extraction from HTML pages, and the benchmark's shingle metric."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsprism.errors import InputError
from newsprism.ingest.html import HtmlArticle, extract_html
from newsprism.settings import Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "html_extraction.py"

NEWS_PARAGRAPHS = (
    "Rescue crews evacuated more than 400 residents from three river towns overnight after "
    "water spilled over the Brennar dam, cutting the only road into the valley and leaving "
    "dozens of homes without power.",
    "The regional emergency office said on Tuesday that boats had reached every street in "
    "Lower Marsh by dawn, and that no deaths had been reported, although two people were taken "
    "to hospital with hypothermia.",
    '"We have never seen the river rise this quickly," said Petra Lindqvist, who runs a bakery '
    'near the old bridge. "By midnight the water was at the windows, and by two in the morning '
    'we were on the roof waiting for the boats."',
    "Engineers from the water authority are expected to inspect the dam once the level falls. "
    "A spokesman for the authority declined to say whether the spillway gates had been opened "
    "in time.",
    "Forecasters expect further rain on Thursday, and the regional office has asked residents "
    "of Upper Marsh and Kell Crossing to prepare to leave their homes at short notice.",
)


def read_fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def news_article() -> HtmlArticle:
    return extract_html(read_fixture("news_article.html"))


def make_page(*paragraphs: str, title: str = "Harbour workers walk out over pay") -> str:
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{body}</article></body></html>"
    )


PROSE = (
    "Dock workers at the northern harbour stopped work on Monday morning, saying the operator "
    "had refused for six months to discuss a pay offer that unions described as insulting.",
    "The operator said in a statement that talks were planned for next week and that most "
    "cargo would still be handled, although several ships were already waiting offshore.",
    "Truck drivers queued for several kilometres outside the gates by the afternoon, and "
    "police closed one lane of the coastal motorway to keep traffic moving past the port.",
)


# --- the news page fixture --------------------------------------------------------


def test_news_page_keeps_every_article_paragraph_whole_and_in_order(
    news_article: HtmlArticle,
) -> None:
    assert news_article.text.split("\n\n") == list(NEWS_PARAGRAPHS)


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Sport",  # navigation menu
        "Privacy policy",  # site footer
        "All rights reserved",
        "Share on Facebook",  # share bar
        "Dam inspection report warned",  # related-links block
        "Earlier this winter a smaller flood",  # recommended-reads box inside the body
        "Reply from valleyfan",  # reader replies outside the comment section
        "Related stories",
        "Residents wade through",  # figure caption
        "Tom Reyes",  # photo credit
        "Environment correspondent",  # byline
        "Sign up for our free newsletter",  # newsletter box
        "did nothing. Shameful",  # WordPress comment
        "stay safe all of you",
        "Leave a Reply",
        "powered by Disqus",  # Disqus placeholder
        "Floodwater cuts off",  # the title is metadata, not body text
    ],
)
def test_news_page_drops_page_furniture(news_article: HtmlArticle, boilerplate: str) -> None:
    assert boilerplate not in news_article.text


def test_news_page_reads_metadata(news_article: HtmlArticle) -> None:
    assert news_article.title == "Floodwater cuts off river towns as dam overflows"
    assert news_article.author == "Maria Okonkwo"
    assert news_article.date == "2023-03-14"  # published, not modified
    assert news_article.site == "The Valley Courier"
    assert news_article.url == (
        "https://valley-courier.example/news/2023/03/14/floodwater-cuts-off-river-towns"
    )
    assert news_article.language == "en"


def test_news_page_says_why_each_piece_was_removed(news_article: HtmlArticle) -> None:
    reasons = {item.reason for item in news_article.removed}
    assert {"comments", "related links", "image caption", "share prompt", "byline"} <= reasons
    comments = " ".join(item.text for item in news_article.removed if item.reason == "comments")
    assert "did nothing. Shameful" in comments
    related = [item.text for item in news_article.removed if item.reason == "related links"]
    assert any(text.startswith("Earlier this winter a smaller flood") for text in related)
    bylines = [item.text for item in news_article.removed if item.reason == "byline"]
    assert bylines == ["By Maria Okonkwo, Environment correspondent"]


# --- the French page: metadata only in JSON-LD, boilerplate inside the body ----------


def test_french_page_reads_metadata_from_json_ld_and_meta() -> None:
    article = extract_html(read_fixture("blog_post_fr.html"), url="https://example.fr/greve")
    assert article.author == "Claire Fontaine"
    assert article.date == "2021-11-03"
    assert article.site == "Le Journal du Littoral"
    assert article.language == "fr"
    assert article.url == "https://example.fr/greve"  # the page names no canonical URL


def test_french_page_line_rules_drop_byline_read_also_prompt_and_comments() -> None:
    article = extract_html(read_fixture("blog_post_fr.html"))
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("Le port de Sainte-Aure est resté paralysé")
    assert paragraphs[-1].startswith("Le préfet doit recevoir")
    assert len(paragraphs) == 4
    dropped = {item.text: item.reason for item in article.removed if item.line is not None}
    assert dropped["Par Claire Fontaine"] == "byline"
    assert dropped["Lire aussi : Le trafic de conteneurs a reculé de 8 % cette année"] == (
        "related links"
    )
    assert dropped["Marc : Encore une grève, toujours les mêmes qui paient."] == "comments"


# --- malformed and empty pages -------------------------------------------------------


def test_malformed_page_still_extracts_every_paragraph() -> None:
    article = extract_html(read_fixture("malformed.html"))
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[1].endswith("but several smaller lanes remained closed to traffic.")
    assert paragraphs[3].startswith("Farmers said it was the worst storm")
    assert article.title == "Storm damage in the hills"


def test_page_without_article_raises_input_error() -> None:
    with pytest.raises(InputError, match="no main text found in the HTML"):
        extract_html(read_fixture("no_article.html"), url="https://example.com/404")


@pytest.mark.parametrize("html", ["", "   \n", "just a line of text without markup", "<html>"])
def test_empty_or_markup_free_input_raises_input_error(html: str) -> None:
    with pytest.raises(InputError):
        extract_html(html)


# --- line rules on boilerplate that survives extraction ---------------------------------


def test_read_more_lines_and_following_headline_list_are_dropped() -> None:
    page = make_page(
        PROSE[0],
        "READ MORE: Port strike enters second week",
        PROSE[1],
        "Related",
        "- Union leader arrested at picket line",
        "- What the strike means for fuel prices",
        PROSE[2],
    )
    assert extract_html(page).text.split("\n\n") == list(PROSE)


def test_byline_is_dropped_but_prose_starting_with_by_is_kept() -> None:
    opening = "By the time the police arrived, the crowd outside the harbour gates had grown to "
    opening += "several hundred people, many of them relatives of the striking workers."
    page = make_page("By Jane Okafor and Tomás Ruiz", opening, *PROSE)
    article = extract_html(page)
    assert article.text.split("\n\n") == [opening, *PROSE]
    assert RemovedByReason(article)["byline"] == ["By Jane Okafor and Tomás Ruiz"]


def test_trailing_comment_section_is_cut_from_its_heading() -> None:
    page = make_page(
        *PROSE,
        "Leave a comment",
        "Greedy unions again, the rest of us always pay for it.",
        "Solidarity with the dockers from all of us at the steelworks.",
    )
    article = extract_html(page)
    assert article.text.split("\n\n") == list(PROSE)
    assert len(RemovedByReason(article)["comments"]) == 3


def test_comment_word_early_in_the_article_is_kept() -> None:
    page = make_page(PROSE[0], "Comments", *PROSE[1:], PROSE[0].replace("Monday", "Tuesday"))
    assert "Comments" in extract_html(page).text.split("\n\n")


def test_subscription_prompt_and_photo_credit_are_dropped() -> None:
    page = make_page(
        PROSE[0],
        "Photo: Lena Marsh/Harbour Press Agency",
        PROSE[1],
        "Sign up for our daily newsletter to get the latest news in your inbox.",
        PROSE[2],
    )
    article = extract_html(page)
    assert article.text.split("\n\n") == list(PROSE)
    reasons = RemovedByReason(article)
    assert reasons["image caption"] == ["Photo: Lena Marsh/Harbour Press Agency"]
    assert len(reasons["newsletter box"]) == 1


def test_user_lexicon_entries_extend_the_line_rules() -> None:
    page = make_page(PROSE[0], "Support independent journalism today.", *PROSE[1:])
    assert "Support independent" in extract_html(page).text
    settings = Settings(
        lexicons={"html_boilerplate": ("lead:support independent journalism\tdonation prompt",)}
    )
    article = extract_html(page, settings=settings)
    assert "Support independent" not in article.text
    assert RemovedByReason(article)["donation prompt"] == ["Support independent journalism today."]


def test_element_wrapping_the_article_is_not_pruned_for_its_class() -> None:
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in PROSE)
    page = (
        "<html><body><div class='post has-comments share-enabled'>"
        f"<h1>Harbour workers walk out</h1>{paragraphs}</div></body></html>"
    )
    assert extract_html(page).text.split("\n\n") == list(PROSE)


class RemovedByReason(dict[str, list[str]]):
    """Removed line texts grouped by reason."""

    def __init__(self, article: HtmlArticle) -> None:
        super().__init__()
        for item in article.removed:
            self.setdefault(item.reason, []).append(item.text)

    def __missing__(self, key: str) -> list[str]:
        return []


# --- robustness ------------------------------------------------------------------------

HTML_PIECES = st.sampled_from(
    [
        "<html>",
        "</html>",
        "<body>",
        "<p>",
        "</p>",
        "<div class='comments'>",
        "</div>",
        "<article>",
        "<h1>",
        "</h1>",
        "<script type='application/ld+json'>{\"articleBody\": ",
        "</script>",
        "<!--",
        "-->",
        "<![CDATA[",
        "<?xml version='1.0' encoding='utf-8'?>",
        "&amp;",
        "&#0;",
        "&#xD800;",
        "<meta charset='latin-1'>",
        "<html lang='zz-'>",
        "By Jane Doe",
        "Read more:",
        "\x00",
        "\n\n",
    ]
)
HTML_ISH = st.lists(st.one_of(HTML_PIECES, st.text(max_size=40)), max_size=25).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300), HTML_ISH))
@example("<HTML><A00 CLASS=Comment></A00>\x08")
def test_any_string_gives_an_article_or_input_error(html: str) -> None:
    try:
        article = extract_html(html)
    except InputError:
        return
    assert article.text.strip()
    assert "\n\n\n" not in article.text


def test_control_characters_in_a_page_are_spaces_not_a_crash() -> None:
    page = (
        "<html><body><div class='comment'>Reader comments</div>\x08\x0c"
        "<p>Floods killed 12 people in the\x0bvalley, officials said on Monday.</p>"
        "</body></html>"
    )
    article = extract_html(page)
    assert "12 people in the valley" in article.text
    assert not any(ord(char) < 32 and char not in "\n\t" for char in article.text)


# --- the benchmark metric ---------------------------------------------------------------


@pytest.fixture(scope="module")
def metric() -> ModuleType:
    spec = importlib.util.spec_from_file_location("html_extraction_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_shingles_are_four_token_windows_counted_as_a_multiset(metric: ModuleType) -> None:
    shingles = metric.count_shingles("a b c d a b c d")
    assert shingles == {"a b c d": 2, "b c d a": 1, "c d a b": 1, "d a b c": 1}
    assert metric.count_shingles("too short") == {"too short": 1}


def test_page_counts_are_normalised_by_their_sum(metric: ModuleType) -> None:
    # true: 1 2 3 4 5 6 -> shingles 1234 2345 3456; predicted adds "7": 2345 3456 4567
    page = metric.compare_page("1 2 3 4 5 6", "2 3 4 5 6 7")
    assert (page.tp, page.fp, page.fn) == pytest.approx((2 / 4, 1 / 4, 1 / 4))
    empty = metric.compare_page("", "")
    assert (empty.tp, empty.fp, empty.fn) == (0.0, 0.0, 0.0)


def test_scores_come_from_summed_page_figures(metric: ModuleType) -> None:
    perfect = metric.compare_page("w x y z", "w x y z")  # tp 1
    missed = metric.compare_page("w x y z", "")  # fn 1
    score = metric.score_pages([perfect, missed])
    assert (score.precision, score.recall) == pytest.approx((1.0, 0.5))
    assert score.f1 == pytest.approx(2 / 3)
