"""The guided tour's server side: every stop's configuration is one the engine takes and, for
the paper's path, is the paper's figure for that relationship; every stop renders in English
and Korean with its figure and no missing string; every link on the tour answers; an unknown
stop is a 404 said in the page's language."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient

from app.core.network import plan
from app.core.parameters import BY_NAME
from app.core.params import Config
from app.core.tour import STOPS, Stop, Try

LANGS = ("en", "ko")

# From /work's PAPER.md (Dumoulin & Visin): for each relationship, the figure that shows it,
# the layer as the tool takes it and the output size the paper gives. For the transposed
# figures the layer's input i' (and a) is the caption's "equivalent to convolving ... over a
# ... input", not the direct convolution's i.
PAPER = {
    1: ("2.1", "op=conv&i=4&k=3&s=1&p=0", 2),
    2: ("2.2", "op=conv&i=5&k=4&s=1&p=2", 6),
    3: ("2.3", "op=conv&i=5&k=3&s=1&p=1", 5),
    4: ("2.4", "op=conv&i=5&k=3&s=1&p=2", 7),
    5: ("2.5", "op=conv&i=5&k=3&s=2&p=0", 2),
    6: ("2.6", "op=conv&i=5&k=3&s=2&p=1", 3),
    # Pooling: figure 1.6, a 3×3 max pooling over a 5×5 input, 3×3 out.
    7: ("1.6", "op=maxpool&i=5&k=3&s=1&p=0", 3),
    8: ("4.1", "op=transpose&i=2&k=3&s=1&p=0", 4),
    9: ("4.2", "op=transpose&i=6&k=4&s=1&p=2", 5),
    10: ("4.3", "op=transpose&i=5&k=3&s=1&p=1", 5),
    11: ("4.4", "op=transpose&i=7&k=3&s=1&p=2", 5),
    12: ("4.5", "op=transpose&i=2&k=3&s=2&p=0", 5),
    13: ("4.6", "op=transpose&i=3&k=3&s=2&p=1", 5),
    14: ("4.7", "op=transpose&i=3&k=3&s=2&p=1&a=1", 6),
    15: ("5.1", "op=conv&i=7&k=3&s=1&p=0&d=2", 3),
}
# The course notes' topics, after the paper's path (seed notes 001 to 004).
COURSE_TOPICS = 7
# The sentence an unknown stop gets, in each language (the catalogue's words, written out).
MISSING = {
    "en": "The tour has stops 1 to 22",
    "ko": "둘러보기에는 1단계부터 22단계까지",
}


class Links(HTMLParser):
    """Every href on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "href" and value:
                self.hrefs.append(value)


def hrefs(page: str) -> list[str]:
    parser = Links()
    parser.feed(page)
    return parser.hrefs


def initial_state(page: str) -> dict[str, object]:
    block = page.split('<script type="application/json" id="initial-state">')[1]
    state: dict[str, object] = json.loads(html.unescape(block.split("</script>")[0]))
    return state


def visible_text(page: str) -> str:
    """The page without its script blocks (the catalogue travels in one, keys and all)."""
    return re.sub(r"<script\b.*?</script>", "", page, flags=re.S)


def pairs(query: str) -> dict[str, str]:
    return dict(parse_qsl(query))


def test_the_tour_walks_the_paper_then_the_course_notes() -> None:
    assert [stop.number for stop in STOPS] == list(range(1, len(STOPS) + 1))
    assert [stop.relationship for stop in STOPS[:15]] == list(range(1, 16))
    assert all(stop.relationship is None for stop in STOPS[15:])
    assert len(STOPS) == 15 + COURSE_TOPICS


@pytest.mark.parametrize("number", sorted(PAPER))
def test_a_relationship_stop_is_the_papers_figure(number: int) -> None:
    figure, query, _ = PAPER[number]
    stop = STOPS[number - 1]
    assert stop.figure == figure
    assert stop.config() == Config.from_query(query)


@pytest.mark.parametrize("stop", STOPS, ids=lambda s: str(s.number))
def test_every_stop_and_every_prompt_is_a_valid_configuration(stop: Stop) -> None:
    shown = pairs(stop.config().query())
    assert 2 <= len(stop.tries) <= 3
    for attempt in stop.tries:
        tried = pairs(stop.tried(attempt).query())
        # One parameter changes: its value, or its presence where the default was left out.
        changed = {
            name for name in shown.keys() | tried.keys() if shown.get(name) != tried.get(name)
        }
        assert changed == set(attempt.change), (attempt, shown, tried)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("stop", STOPS, ids=lambda s: str(s.number))
def test_every_stop_renders_with_its_figure_and_every_string(
    client: TestClient, stop: Stop, lang: str
) -> None:
    response = client.get(f"/tour/{stop.number}?lang={lang}")
    assert response.status_code == 200
    page = response.text
    assert f'<html lang="{lang}">' in page
    assert 'id="figure"' in page and 'id="controls"' in page and 'class="player"' in page
    state = initial_state(page)
    assert state["query"] == stop.config().query()
    assert state["error"] is None and state["data"]["frames"]  # type: ignore[index]
    # No key left untranslated: the catalogue's fallback is the key itself.
    text = visible_text(page)
    assert re.findall(r"(?<![/\w])tour\.[a-z][a-z0-9_.]*", text) == []
    if lang == "ko":
        lesson = text.split('id="stop-lesson"')[1].split("</section>")[0]
        assert re.search("[\uac00-\ud7a3]", lesson)
    # Its prompts load into the figure, and it links on.
    assert text.count('class="button try-link"') == len(stop.tries)
    for href in re.findall(r'class="button try-link" href="([^"]+)"', text):
        # As a preset's link, which the page loads in place: the engine's names and numbers.
        names = set(pairs(urlsplit(html.unescape(href)).query))
        assert names <= {*BY_NAME, "numbers"}, href
    assert f'href="/?{html.escape(stop.config().query())}' in text


@pytest.mark.parametrize("number", sorted(PAPER))
def test_a_relationship_stop_shows_that_relationship_with_its_numbers(
    client: TestClient, number: int
) -> None:
    _, _, output = PAPER[number]
    text = visible_text(client.get(f"/tour/{number}?lang=en").text)
    lesson = text.split('id="lesson-relationship"')[1].split("</div>")[0]
    assert f'data-number="{number}"' in lesson
    assert f"Relationship {number}:" in lesson
    # The substituted formula ends on the paper's output size.
    substituted = lesson.split("At this stop&#39;s figure:")[1].split("</p>")[0].strip()
    assert substituted.rsplit("=", 1)[1].strip() == str(output), substituted


def test_the_receptive_field_stop_gives_the_stacks_fields(client: TestClient) -> None:
    # Three 3×3 convolutions: 3, 5 then 7 (the course notes' worked example, seed 003).
    text = client.get("/tour/21?lang=en").text
    table = text.split('class="lesson-stack"')[1].split("</table>")[0]
    assert re.findall(r"<td>(\d+)×\1</td></tr>", table) == ["1", "3", "5", "7"]


@pytest.mark.parametrize(
    ("number", "weights", "biases", "macs"),
    [
        # 1×1, 8 → 2 channels on 5×5: C_in·C_out weights, H·W·C_in·C_out MACs (seed 001).
        (17, 16, 2, 400),
        # 3×3, 4 → 4 channels in 2 groups, 5×5 out: 4·(4/2)·9 weights, ×25 MACs.
        (18, 72, 4, 1_800),
        # Depthwise: one 3×3 filter per channel, K²·C_in·H·W MACs.
        (19, 36, 4, 900),
        # Standard 3×3, 8 → 16 channels on 5×5: K²·C_in·C_out weights, ×H·W MACs.
        (20, 1_152, 16, 28_800),
    ],
)
def test_a_channel_stop_gives_its_cost(
    client: TestClient, number: int, weights: int, biases: int, macs: int
) -> None:
    text = client.get(f"/tour/{number}?lang=en").text
    costs = text.split('id="lesson-costs">')[1].split("</p>")[0]
    said = f"Its cost: {weights:,} weights and {biases:,} biases; {macs:,} MACs"
    assert costs == f"{said} (multiply-accumulates)."


def test_the_matrix_stop_opens_the_matrix_view_and_numbers_stops_their_numbers(
    client: TestClient,
) -> None:
    assert initial_state(client.get("/tour/22").text)["matrix"] is True
    assert initial_state(client.get("/tour/7").text)["numbers"] is True
    assert initial_state(client.get("/tour/6").text)["numbers"] is False


def test_a_stop_as_changed_keeps_its_changes(client: TestClient) -> None:
    """A lecturer's link to a stop the figure of which was changed opens on that figure."""
    page = client.get("/tour/6?op=conv&i=6&k=3&s=2&p=1&step=2&lang=ko").text
    state = initial_state(page)
    assert state["query"] == "op=conv&i=6&k=3&s=2&p=1"
    assert state["step"] == 2
    assert "패딩과 스트라이드를 함께" in page  # still stop 6's lesson


@pytest.mark.parametrize("lang", LANGS)
def test_every_link_on_the_tour_answers(client: TestClient, lang: str) -> None:
    pages = [f"/tour?lang={lang}", *(f"/tour/{stop.number}?lang={lang}" for stop in STOPS)]
    seen: set[str] = set()
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        for href in hrefs(response.text):
            if href.startswith("#") or href in seen:
                continue
            seen.add(href)
            assert urlsplit(href).netloc == "", href  # the tour links within the site
            assert client.get(html.unescape(href)).status_code == 200, (path, href)
    # The crawl reached every stop, the planner and the free page.
    assert {f"/tour/{stop.number}?lang={lang}" for stop in STOPS} <= seen
    assert any(h.startswith("/network?") for h in seen)
    assert any(h.startswith("/?op=") for h in seen)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["/tour/99", "/tour/x", "/tour/0", "/tour/23", "/tour/-1"])
def test_an_unknown_stop_is_a_404_in_the_pages_language(
    client: TestClient, path: str, lang: str
) -> None:
    response = client.get(f"{path}?lang={lang}")
    assert response.status_code == 404
    assert f'<html lang="{lang}">' in response.text
    assert MISSING[lang] in response.text
    assert 'href="/tour' in response.text


def test_the_tour_answers_head_and_its_index_lists_every_stop(client: TestClient) -> None:
    assert client.head("/tour").status_code == 200
    assert client.head("/tour/1").status_code == 200
    page = client.get("/tour?lang=en").text
    for stop in STOPS:
        assert f'href="/tour/{stop.number}?lang=en"' in page


@pytest.mark.parametrize(("lang", "words"), [("en", "Guided tour"), ("ko", "단계별 둘러보기")])
def test_the_main_page_links_the_tour(client: TestClient, lang: str, words: str) -> None:
    page = client.get(f"/?lang={lang}").text
    assert f'id="to-tour" href="/tour?lang={lang}">{words}</a>' in page


# What each "try this" prompt says happens, worked by hand from the paper's relationships
# (PAPER.md) for the stop's figure with the one change: the output size per axis, and whether
# the sentence states that size (then it must, in both languages). Costs and the effective
# kernel where the sentence is about those.
PROMPTS: dict[str, tuple[int, bool]] = {
    "tour.s1.try_i": (3, True),  # 5 − 3 + 1
    "tour.s1.try_k": (3, True),  # 4 − 2 + 1
    "tour.s1.try_p": (4, True),  # half padding keeps 4
    "tour.s2.try_p1": (4, True),  # 5 − 4 + 2 + 1
    "tour.s2.try_p0": (2, True),  # 5 − 4 + 1
    "tour.s2.try_k": (7, True),  # full padding: 5 + 3 − 1
    "tour.s3.try_i": (7, True),
    "tour.s3.try_k": (3, True),  # 5 − 5 + 2 + 1
    "tour.s4.try_p": (5, True),
    "tour.s4.try_k": (5, True),  # 5 − 5 + 4 + 1
    "tour.s5.try_i6": (2, True),  # ⌊3/2⌋ + 1
    "tour.s5.try_i7": (3, True),  # ⌊4/2⌋ + 1
    "tour.s5.try_s": (1, True),  # ⌊2/3⌋ + 1
    "tour.s6.try_i": (3, True),  # ⌊5/2⌋ + 1
    "tour.s6.try_p": (2, True),
    "tour.s6.try_s": (5, True),
    "tour.s7.try_s": (2, True),
    "tour.s7.try_k": (4, True),
    "tour.s7.try_op": (3, False),
    "tour.s8.try_k": (5, True),  # 2 + 4 − 1
    "tour.s8.try_i": (5, True),  # 3 + 3 − 1
    "tour.s9.try_p1": (7, True),  # 6 + 3 − 2
    "tour.s9.try_p0": (9, True),  # 6 + 3
    "tour.s10.try_i": (7, True),
    "tour.s10.try_k": (7, True),  # 5 + 4 − 2
    "tour.s11.try_i": (3, True),  # 5 − 2
    "tour.s11.try_p": (7, True),
    "tour.s12.try_s": (6, True),  # 3·1 + 3
    "tour.s12.try_i": (7, True),  # 2·2 + 3
    "tour.s13.try_p": (7, True),  # 2·2 + 3
    "tour.s13.try_i": (3, True),  # 2·1 + 3 − 2
    "tour.s14.try_a": (5, True),  # 2·2 + 3 − 2
    "tour.s14.try_s": (8, True),  # 3·2 + 1 + 3 − 2
    "tour.s15.try_d1": (5, True),
    "tour.s15.try_d3": (1, False),  # ⌊(7 − 7)/1⌋ + 1, "a single output"
    "tour.s15.try_p": (7, True),  # 7 + 4 − 5 + 1
    "tour.s16.try_op": (2, False),
    "tour.s16.try_i": (2, True),  # ⌊3/2⌋ + 1
    "tour.s16.try_s": (3, True),
    "tour.s17.try_c_out": (5, True),
    "tour.s17.try_k": (3, True),
    "tour.s18.try_g1": (5, False),
    "tour.s18.try_g4": (5, False),
    "tour.s19.try_g": (5, False),
    "tour.s19.try_c_out": (5, False),
    "tour.s20.try_c_out_big": (5, False),
    "tour.s20.try_c_out_small": (5, False),
    "tour.s20.try_k": (3, True),  # 5 − 5 + 2 + 1
    "tour.s21.try_d": (3, False),
    "tour.s21.try_k": (3, False),
    "tour.s22.try_op": (6, True),  # 4 + 3 − 1
    "tour.s22.try_i": (3, False),
}
# Weights a prompt names (C_out·C_in/g·K²), by hand.
PROMPT_WEIGHTS = {
    "tour.s17.try_c_out": 128,  # 16·8
    "tour.s17.try_k": 144,  # 2·8·9
    "tour.s18.try_g1": 144,  # 4·4·9
    "tour.s18.try_g4": 36,  # 4·1·9
    "tour.s19.try_c_out": 72,  # 8·1·9
    "tour.s21.try_k": 25,
}


def _catalogue(lang: str) -> dict[str, str]:
    with open(f"app/locales/{lang}.json", encoding="utf-8") as file:
        words: dict[str, str] = json.load(file)
    return words


def _number_in(number: int, sentence: str) -> bool:
    """The number as a size or a result in the sentence (not a digit of another number)."""
    return re.search(rf"(?<![\d./])(?<!\d,){number}(?![\d/])(?!,\d)", sentence) is not None


def test_every_prompt_has_its_worked_result() -> None:
    keys = {attempt.key for stop in STOPS for attempt in stop.tries}
    assert keys == set(PROMPTS)


@pytest.mark.parametrize(
    ("stop", "attempt"),
    [(stop, attempt) for stop in STOPS for attempt in stop.tries],
    ids=lambda value: getattr(value, "key", str(getattr(value, "number", value))),
)
def test_a_prompt_does_what_its_sentence_says(client: TestClient, stop: Stop, attempt: Try) -> None:
    key = attempt.key
    output, said = PROMPTS[key]
    query = stop.tried(attempt).query()
    for lang in LANGS:
        answer = client.get(f"/api/arithmetic?{query}&lang={lang}").json()
        assert answer["output_shape"] == [output, output], (key, lang)
        if key in PROMPT_WEIGHTS:
            assert answer["param_count"]["weights"] == PROMPT_WEIGHTS[key]
        sentence = _catalogue(lang)[key]
        if said:
            assert _number_in(output, sentence), (lang, sentence)
        if key in PROMPT_WEIGHTS:
            assert _number_in(PROMPT_WEIGHTS[key], sentence), (lang, sentence)


def test_the_odd_strided_prompt_reads_every_input_cell_and_skips_padding(
    client: TestClient,
) -> None:
    """Figure 2.7 (i = 6, k = 3, s = 2, p = 1): windows start at padded rows 0, 2 and 4, so
    the last one covers padded rows 4 to 6 (input row 5, the last) and padded row 7, the
    bottom padding, is never read. The lesson says so in both languages."""
    frames = client.get("/api/frames?op=conv&i=6&k=3&s=2&p=1").json()["frames"]
    read = {tuple(cell) for frame in frames for cell in frame["cells"]}
    assert {(r, c) for r in range(1, 7) for c in range(1, 7)} <= read  # every input cell
    assert not any(7 in cell for cell in read)  # the bottom and right padding
    assert "padding zeros" in _catalogue("en")["tour.s6.try_i"]
    assert "패딩 0" in _catalogue("ko")["tour.s6.try_i"]


def test_the_matrix_stop_gives_the_matrix_shapes_and_weights(client: TestClient) -> None:
    """Section 4.1: a 4×4 input and a 3×3 kernel make C 4 × 16 with 4 · 9 = 36 weights (of
    64 entries, most of them weights); a 5×5 input makes it 9 × 25 with 81 of 225."""
    small = client.get("/api/matrix?op=conv&i=4&k=3&s=1&p=0").json()["matrix"]
    large = client.get("/api/matrix?op=conv&i=5&k=3&s=1&p=0").json()["matrix"]
    assert (small["shape"], small["nonzeros"]) == ([4, 16], 36)
    assert (large["shape"], large["nonzeros"]) == ([9, 25], 81)
    for lang in LANGS:
        words = _catalogue(lang)
        assert "4 × 16" in words["tour.s22.p1"] and "16 × 4" in words["tour.s22.p3"]
        assert all(_number_in(n, words["tour.s22.try_i"]) for n in (81, 225, 36, 64))


@pytest.mark.parametrize(
    ("key", "fields"),
    [
        # r = r_before + (k − 1)·j: a stride 2 in the middle doubles the last layer's step
        # (3, 5, 5 + 2·2); a dilation 2 makes the middle kernel 5 wide (3, 3 + 4, 7 + 2).
        ("tour.s21.stack_s", [1, 3, 5, 9]),
        ("tour.s21.stack_d", [1, 3, 7, 9]),
    ],
)
def test_the_stack_prompts_reach_the_fields_they_name(key: str, fields: list[int]) -> None:
    stop = next(stop for stop in STOPS if stop.stack is not None)
    (attempt,) = [attempt for attempt in stop.stack_tries if attempt.key == key]
    assert stop.stack is not None
    size, _ = stop.stack
    answer = plan((size, size), 1, attempt.change["layers"]).answer()
    assert [layer["receptive_field"] for layer in answer["layers"]] == [
        [field, field] for field in fields[1:]
    ]
    for lang in LANGS:
        assert f"{fields[-1]}×{fields[-1]}" in _catalogue(lang)[key]


@pytest.mark.parametrize(
    ("number", "p_prime", "stretched", "said"),
    [
        # p′ = k − p − 1 (PAPER.md), the stretched input s(i′ − 1) + 1, and how the lesson
        # says it in English (the Korean is checked for the same numbers).
        (8, 2, 2, "k − 1 = 2"),
        (10, 1, 5, "p′ = k − p − 1 = 1"),
        (11, 0, 7, "p′ = k − p − 1 = 0"),
        (12, 2, 3, "2 zeros of padding"),
    ],
)
def test_a_transposed_stop_draws_the_padding_it_names(
    client: TestClient, number: int, p_prime: int, stretched: int, said: str
) -> None:
    stop = STOPS[number - 1]
    answer = client.get(f"/api/arithmetic?{stop.config().query()}").json()["transpose"]
    assert set(answer["equivalent_padding"].values()) == {p_prime}
    assert answer["stretched_shape"] == [stretched, stretched]
    english = " ".join(_catalogue("en")[key] for key in stop.paragraphs)
    korean = " ".join(_catalogue("ko")[key] for key in stop.paragraphs)
    assert said in english
    assert _number_in(p_prime, korean)


def test_full_paddings_first_and_last_windows_cover_one_input_cell(client: TestClient) -> None:
    """Stop 4 (i = 5, k = 3, p = 2): the first window is padded rows and columns 0 to 2, the
    input starting at 2, so it covers input cell (0, 0) alone; the last one (4, 4) alone."""
    frames = client.get(f"/api/frames?{STOPS[3].config().query()}").json()["frames"]
    inside = range(2, 7)
    for frame in (frames[0], frames[-1]):
        covered = [cell for cell in frame["cells"] if cell[0] in inside and cell[1] in inside]
        assert len(frame["cells"]) == 9 and len(covered) == 1
