"""Practice over HTTP: /api/practice carries the engine's answers and refuses a set outside
its limits with a sentence in both languages; /practice puts a fresh seed in its link; the
lecturer's sheet holds every question, answer and solution line; the pages link each other
and the main page links to practice in both languages."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.exercises import LEVELS, exercise_set

HANGUL = re.compile("[\uac00-\ud7a3]")
STYLE = "static/css/practice.css"


def _initial(page: str) -> dict[str, Any]:
    block = page.split('<script type="application/json" id="initial-state">')[1]
    state: dict[str, Any] = json.loads(html.unescape(block.split("</script>")[0]))
    return state


def test_the_api_carries_the_engines_answers(client: TestClient) -> None:
    for seed, level in ((0, 1), (7, 2), (123_456, 3)):
        body = client.get(f"/api/practice?seed={seed}&level={level}&n=20").json()
        questions = exercise_set(seed, level, 20)
        assert [q["answer"] for q in body["questions"]] == [q.answer for q in questions]
        assert [q["check"]["accepted"] for q in body["questions"]] == [
            sorted(q.accepted) for q in questions
        ]
        assert [q["number"] for q in body["questions"]] == list(range(1, 21))
        assert body["link"] == f"/practice?seed={seed}&level={level}&n=20"
        assert body["sheet"] == f"/practice/sheet?seed={seed}&level={level}&n=20"
        for q in body["questions"]:
            assert q["check"]["type"] == "integer" and q["answer"] in q["check"]["accepted"]
            assert q["formula"] in [line["text"] for line in q["solution"]]


def test_the_same_link_gives_the_same_set_and_another_seed_another(client: TestClient) -> None:
    first = client.get("/api/practice?seed=42&level=2&n=8")
    again = client.get("/api/practice?seed=42&level=2&n=8")
    other = client.get("/api/practice?seed=43&level=2&n=8")
    assert first.content == again.content
    assert first.json()["questions"] != other.json()["questions"]


def test_the_set_is_said_in_the_language_asked_for(client: TestClient) -> None:
    english = client.get("/api/practice?seed=5&level=3&n=7&lang=en")
    korean = client.get("/api/practice?seed=5&level=3&n=7&lang=ko")
    assert english.headers["content-language"] == "en"
    assert korean.headers["content-language"] == "ko"
    for q in korean.json()["questions"]:
        assert HANGUL.search(q["text"])
    for q in english.json()["questions"]:
        assert not HANGUL.search(q["text"])
    # The answers do not depend on the language.
    assert [q["answer"] for q in english.json()["questions"]] == [
        q["answer"] for q in korean.json()["questions"]
    ]
    by_header = client.get("/api/practice?seed=5", headers={"Accept-Language": "ko-KR"})
    assert by_header.headers["content-language"] == "ko"
    assert "Accept-Language" in by_header.headers["vary"]


@pytest.mark.parametrize(
    ("query", "count"),
    [("n=1", 1), ("n=20", 20), ("", 5), ("level=1", 5), ("level=3", 5), ("seed=999999", 5)],
)
def test_every_limit_is_accepted_at_its_edge(client: TestClient, query: str, count: int) -> None:
    response = client.get(f"/api/practice?{query}")
    assert response.status_code == 200
    assert len(response.json()["questions"]) == count


@pytest.mark.parametrize(
    ("query", "parameter", "english", "korean"),
    [
        ("n=0", "n", "from 1 to 20; got 0", "1부터 20까지"),
        ("n=21", "n", "from 1 to 20; got 21", "1부터 20까지"),
        ("n=five", "n", "got 'five'", "문제 수"),
        ("level=0", "level", "from 1 to 3; got 0", "수준은"),
        ("level=4", "level", "from 1 to 3; got 4", "수준은"),
        ("seed=-1", "seed", "from 0 to 999999; got '-1'", "시드는"),
        ("seed=1000000", "seed", "from 0 to 999999; got 1000000", "시드는"),
    ],
)
def test_a_set_outside_the_limits_is_a_422_with_a_sentence(
    client: TestClient, query: str, parameter: str, english: str, korean: str
) -> None:
    said = client.get(f"/api/practice?{query}&lang=en")
    assert said.status_code == 422
    assert said.json()["parameter"] == parameter
    assert english in said.json()["detail"]
    said = client.get(f"/api/practice?{query}&lang=ko")
    assert said.status_code == 422
    assert korean in said.json()["detail"] and HANGUL.search(said.json()["detail"])


def test_an_unknown_name_or_language_is_refused(client: TestClient) -> None:
    typo = client.get("/api/practice?seed=1&levle=2")
    assert typo.status_code == 422 and "levle" in typo.json()["detail"]
    assert client.get("/api/practice?lang=fr").status_code == 422


def test_every_figure_link_opens(client: TestClient) -> None:
    body = client.get("/api/practice?seed=11&level=3&n=14").json()
    for q in body["questions"]:
        assert client.get(q["link"]).status_code == 200, q["link"]
        if q["kind"] == "receptive_field":
            assert q["link"].startswith("/network?") and q["embed"] is None
            continue
        assert q["link"].startswith("/?")
        assert client.get(q["embed"]).status_code == 200, q["embed"]
        picture = client.get(q["picture"])
        assert picture.status_code == 200 and picture.headers["content-type"] == "image/png"


def test_a_bare_practice_link_picks_a_seed_and_keeps_the_rest(client: TestClient) -> None:
    response = client.get("/practice?level=3&n=7&lang=ko", follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["cache-control"] == "no-store"
    location = response.headers["location"]
    assert re.fullmatch(r"/practice\?seed=\d{1,6}&level=3&n=7&lang=ko", location)
    page = client.get(location)
    assert page.status_code == 200 and 'lang="ko"' in page.text
    sheet = client.get("/practice/sheet", follow_redirects=False)
    assert sheet.headers["location"].startswith("/practice/sheet?seed=")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_page_holds_the_set_and_links_its_sheet(client: TestClient, lang: str) -> None:
    page = client.get(f"/practice?seed=42&level=2&n=6&lang={lang}").text
    state = _initial(page)
    api = client.get(f"/api/practice?seed=42&level=2&n=6&lang={lang}").json()
    assert state["questions"] == api["questions"]
    for q in api["questions"]:
        assert q["text"] in html.unescape(page)
    assert 'href="/practice/sheet?seed=42&amp;level=2&amp;n=6&amp;lang=' + lang + '"' in page
    # A new set keeps the link's level, length and language; the page picks its seed.
    assert f'id="new-set" href="/practice?level=2&amp;n=6&amp;lang={lang}"' in page


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_sheet_holds_every_question_answer_and_solution(
    client: TestClient, level: int, lang: str
) -> None:
    for seed in (1, 2, 3):
        page = client.get(f"/practice/sheet?seed={seed}&level={level}&n=20&lang={lang}").text
        body = client.get(f"/api/practice?seed={seed}&level={level}&n=20&lang={lang}").json()
        questions, answers = page.split('class="sheet-answers"')
        for q in body["questions"]:
            assert q["text"] in html.unescape(questions)
            n = q["number"]
            answer = answers.split(f'id="sa{n}"')[1].split("</li>\n      \n")[0]
            accepted = ", ".join(str(a) for a in q["check"]["accepted"])
            assert "<strong>" in answer and accepted in answer
            for line in q["solution"]:
                assert line["text"] in html.unescape(answer)


def test_the_answers_print_on_a_page_of_their_own() -> None:
    with open(STYLE, encoding="utf-8") as f:
        css = f.read()
    assert re.search(r"\.sheet-answers \{[^}]*break-before: page", css)


@pytest.mark.parametrize("path", ["/practice", "/practice/sheet"])
@pytest.mark.parametrize(
    ("query", "said"),
    [("seed=abc", "The seed must be"), ("seed=1&n=0", "from 1 to 20"), ("seed=1&level=9", "level")],
)
def test_a_bad_page_link_is_a_422_page_saying_what_to_change(
    client: TestClient, path: str, query: str, said: str
) -> None:
    response = client.get(f"{path}?{query}")
    assert response.status_code == 422
    assert said in response.text and 'id="new-set"' in response.text
    korean = client.get(f"{path}?{query}&lang=ko")
    assert korean.status_code == 422 and "받은 값" in korean.text


@pytest.mark.parametrize(("lang", "label"), [("en", "Practice"), ("ko", "연습 문제")])
def test_the_main_page_links_to_practice(client: TestClient, lang: str, label: str) -> None:
    page = client.get(f"/?lang={lang}").text
    assert f'id="to-practice" href="/practice?lang={lang}">{label}</a>' in page
    bare = client.get("/", headers={"Accept-Language": "en"}).text
    assert 'id="to-practice" href="/practice">Practice</a>' in bare


def _question(client: TestClient, seed: int, level: int, number: int, lang: str) -> Any:
    body = client.get(f"/api/practice?seed={seed}&level={level}&n=7&lang={lang}").json()
    return body["questions"][number - 1]


def test_the_questions_say_everything_their_answers_assume(client: TestClient) -> None:
    # Written out by hand; a pooling may round up (ceil_mode), a MAC count may or may not
    # include the bias, and "c=1" in a stack is the planner's syntax, not the learner's.
    pool = _question(client, 1, 1, 3, "en")
    assert pool["text"] == (
        "Max pooling — input 10×10, kernel 3×3, stride 3, padding 0, rounding down "
        "(ceil_mode=False). What is the output size (its height, equal to its width)?"
    )
    macs = _question(client, 2, 1, 2, "en")
    assert macs["text"] == (
        "Convolution — input 11×11, kernel 5×5, stride 1, padding 1, 1 input channel, "
        "4 output channels, with a bias. How many multiply-accumulates (MACs) does the layer "
        "compute for one input (a batch of 1)? Count the weights' multiplications only, not "
        "the bias's additions."
    )
    assert macs["answer"] == 4 * 1 * 5 * 5 * 9 * 9  # o = 11 − 5 + 2 + 1 = 9
    field = _question(client, 0, 3, 6, "en")
    assert field["text"] == (
        "A stack of layers, one after another: conv(k=5); maxpool(k=2, s=2); "
        "maxpool(k=2, s=2); maxpool(k=2, s=2). How many input cells wide is the receptive "
        "field of one cell of the last output?"
    )
    assert field["answer"] == 12  # 5, then + 1·1, + 1·2, + 1·4
    assert (
        field["solution"][-1]["text"]
        == "4. maxpool(k=2, s=2): r = 8 + (2 − 1) · 4 = 12, j = 4 · 2 = 8"
    )


def test_the_solutions_name_the_formula_and_the_bias_once(client: TestClient) -> None:
    back = _question(client, 1, 3, 2, "en")
    assert back["solution"][4]["text"] == (
        "The formula — Transposed dilated convolution (PyTorch's formula), beyond the paper:"
    )
    params = _question(client, 0, 3, 5, "en")
    assert params["solution"][0]["text"] == (
        "PyTorch stores the weight as (32, 8, 2, 2); the layer has no bias (32 output channels)."
    )
    with_bias = _question(client, 0, 1, 3, "ko")
    assert with_bias["solution"][0]["text"] == (
        "PyTorch는 가중치를 (32, 8, 3, 3) 모양으로 저장하고, 편향은 출력 채널 32개에 하나씩 둡니다."
    )


def test_the_korean_halving_question_takes_the_right_particle(client: TestClient) -> None:
    # "6×6로" reads 육 곱하기 육로: the particle goes on 절반, which takes 으로 whatever the size.
    halving = _question(client, 0, 3, 3, "ko")
    assert halving["text"] == (
        "합성곱 — 입력 12×12, 커널 4×4, 패딩 1. 출력 크기를 입력의 절반(6×6)으로 만드는 "
        "스트라이드 s는 얼마인가요?"
    )


def test_the_level_names_say_what_the_levels_hold(client: TestClient) -> None:
    # Level 1 already asks for the stride that halves a size, and pools with stride = kernel:
    # its name must not promise stride 1.
    strides = {q.config.s[0] for seed in range(20) for q in exercise_set(seed, 1, 7) if q.config}
    assert strides > {1}
    for lang in ("en", "ko"):
        page = client.get(f"/practice?seed=1&level=1&lang={lang}").text
        assert "1 — stride 1" not in page and "1 — 스트라이드 1" not in page
    english = client.get("/practice?seed=1&level=1&lang=en").text
    assert "1 — small kernels, simple strides" in english


def test_the_same_padding_solution_names_k_hat_only_with_a_dilation(client: TestClient) -> None:
    # Without a dilation no line says what k̂ is, so the sentence speaks of k.
    plain = _question(client, 0, 1, 1, "en")
    assert plain["solution"][0]["text"] == (
        "At stride 1 the output is i + 2p − k + 1, which is i when 2p = k − 1: p = (5 − 1)/2 = 2."
    )
    dilated = _question(client, 0, 3, 2, "en")
    assert dilated["solution"][0]["text"] == "k̂ = k + (k − 1)(d − 1) = 2 + (2 − 1)(2 − 1) = 3"
    assert dilated["solution"][1]["text"].startswith("At stride 1 the output is i + 2p − k̂ + 1")
