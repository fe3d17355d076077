"""The engine's sentences in both languages: every refusal and note is a catalogue key said in
the language ``lang`` or Accept-Language asks for, English staying as it was."""

from __future__ import annotations

import ast
import io
import random
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from app.core.catalogue import catalogue
from app.core.parameters import PARAMETERS
from app.core.relationships import ALL, ASYMMETRIC, CEIL, TRANSPOSED_DILATED
from app.core.samples import SAMPLES
from app.main import app

ROOT = Path(__file__).resolve().parents[1]
HANGUL = re.compile("[\uac00-\ud7a3]")
PLACEHOLDER = re.compile(r"{(\w+)}")
# The position of the catalogue key in each raising call.
KEY_ARGUMENT = {"ConfigError": 1, "TooLargeToDraw": 1, "Refused": 2, "Sentence": 0}
KOREAN = {"Accept-Language": "ko-KR,ko;q=0.9"}


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(app)


def _calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            named = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            if named and node.func.id in KEY_ARGUMENT and not _is_definition(node):  # type: ignore[attr-defined]
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))  # type: ignore[arg-type]
    return found


def _is_definition(node: ast.Call) -> bool:
    """``Sentence(key, values)`` inside catalogue.py's own code passes names, not keys."""
    index = KEY_ARGUMENT[node.func.id]  # type: ignore[attr-defined]
    return len(node.args) <= index


def _keys(argument: ast.expr) -> list[str]:
    """The catalogue keys a key argument can name: a literal, or every key an f-string's
    literal beginning starts (f"refusal.groups_{name}")."""
    english = catalogue("en")
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return [argument.value]
    if isinstance(argument, ast.JoinedStr):
        first = argument.values[0]
        assert isinstance(first, ast.Constant), ast.unparse(argument)
        return [key for key in english if key.startswith(str(first.value))]
    if isinstance(argument, ast.IfExp):
        return _keys(argument.body) + _keys(argument.orelse)
    if isinstance(argument, ast.Subscript) and isinstance(argument.value, ast.Tuple):
        return [key for item in argument.value.elts for key in _keys(item)]
    if isinstance(argument, (ast.Name, ast.Attribute)):
        # A variable holding one of the above, checked where it is assigned; or a
        # relationship's key, which test_the_english_titles_... checks.
        return []
    raise AssertionError(f"not a catalogue key: {ast.unparse(argument)}")


def _given(node: ast.Call) -> set[str] | None:
    """The value names a call passes; None when they cannot be read off the call."""
    if node.func.id == "Sentence":  # type: ignore[attr-defined]
        if len(node.args) < 2:
            return set()
        values = node.args[1]
        if isinstance(values, ast.Dict) and all(isinstance(k, ast.Constant) for k in values.keys):
            return {str(k.value) for k in values.keys if isinstance(k, ast.Constant)}
        return None
    if any(k.arg is None for k in node.keywords):
        return None
    return {str(k.arg) for k in node.keywords}


def test_every_sentence_is_a_catalogue_key_in_both_languages_with_its_values() -> None:
    """No raise site writes English itself: each passes a key both catalogues hold, and the
    values for every placeholder of it."""
    calls = _calls()
    assert len(calls) > 90
    english, korean = catalogue("en"), catalogue("ko")
    for where, node in calls:
        keys = _keys(node.args[KEY_ARGUMENT[node.func.id]])  # type: ignore[attr-defined]
        for key in keys:
            assert key.startswith(
                (
                    *("refusal.", "note.", "noun.", "where.", "op.", "sample.", "practice."),
                    "substitution.",
                )
            ), where
            assert key in english and key in korean, (where, key)
            given = _given(node)
            if given is not None:
                assert set(PLACEHOLDER.findall(english[key])) <= given, (where, key)


def test_no_bare_string_reaches_a_refusal() -> None:
    """The key is never an English sentence: a literal key has no space."""
    for where, node in _calls():
        argument = node.args[KEY_ARGUMENT[node.func.id]]  # type: ignore[attr-defined]
        if isinstance(argument, ast.Constant):
            assert " " not in str(argument.value), where


def test_the_english_nouns_are_the_parameters_own() -> None:
    english = catalogue("en")
    assert {p.name: p.noun for p in PARAMETERS} == {
        p.name: english[f"noun.{p.name}"] for p in PARAMETERS
    }


# Hand-written: what a Korean reader is told, checked word by word.
def test_a_korean_refusal_by_lang(client: TestClient) -> None:
    response = client.get("/api/arithmetic?i=5&k=3&s=2&p=same&lang=ko")
    body = response.json()
    assert response.status_code == 422
    assert body["parameter"] == "p"
    assert body["detail"] == (
        "padding=same는 스트라이드 1이 필요합니다(PyTorch: 'padding=same is not supported for "
        "strided convolutions'). s=1로 두거나 패딩을 숫자로 주세요."
    )
    assert response.headers["Content-Language"] == "ko"
    assert "Accept-Language" not in response.headers.get("Vary", "")


def test_a_korean_refusal_by_the_browsers_language(client: TestClient) -> None:
    response = client.get("/api/arithmetic?i=5&k=3&s=2&p=same", headers=KOREAN)
    assert response.status_code == 422
    assert "스트라이드 1이 필요합니다" in response.json()["detail"]
    assert response.headers["Content-Language"] == "ko"
    assert "Accept-Language" in response.headers["Vary"]


def test_lang_beats_the_browsers_language(client: TestClient) -> None:
    response = client.get("/api/arithmetic?i=5&k=3&s=2&p=same&lang=en", headers=KOREAN)
    assert response.json()["detail"].startswith("padding=same needs stride 1 (PyTorch:")
    assert response.headers["Content-Language"] == "en"
    assert "Accept-Language" not in response.headers.get("Vary", "")


def test_english_without_lang_is_as_before(client: TestClient) -> None:
    response = client.get("/api/arithmetic?i=5&k=3&s=2&p=same")
    assert response.json() == {
        "detail": "padding=same needs stride 1 (PyTorch: 'padding=same is not supported for "
        "strided convolutions'); set s=1 or give the padding as a number.",
        "parameter": "p",
        "reason": "invalid",
    }
    assert response.headers["Content-Language"] == "en"
    assert response.headers["Vary"] == "Accept-Language"


@pytest.mark.parametrize(
    ("lang", "headers", "expected"),
    [
        ("fr", {}, "The language lang must be one of en, ko; got 'fr'."),
        ("EN", {}, "The language lang must be one of en, ko; got 'EN'."),
        ("fr", KOREAN, "언어 lang은 en, ko 중 하나여야 합니다. 받은 값: 'fr'."),
    ],
)
def test_an_unknown_language_is_refused(
    client: TestClient, lang: str, headers: dict[str, str], expected: str
) -> None:
    for path in (
        "/api/arithmetic",
        "/api/ranges",
        "/api/network",
        "/api/filter",
        "/api/parameters",
    ):
        response = client.get(path, params={"lang": lang}, headers=headers)
        assert response.status_code == 422, path
        assert response.json() == {"detail": expected, "parameter": "lang", "reason": "invalid"}


def test_every_api_route_takes_lang(client: TestClient) -> None:
    for path in (
        "/api/arithmetic",
        "/api/frames",
        "/api/ranges",
        "/api/scatter?op=transpose",
        "/api/matrix",
        "/api/parameters",
        "/api/filter/samples",
        "/api/filter",
        "/api/network?preset=vgg16",
    ):
        separator = "&" if "?" in path else "?"
        assert client.get(f"{path}{separator}lang=ko").status_code == 200, path


def test_a_korean_note(client: TestClient) -> None:
    """i=6, k=3, s=2: (6 − 3) mod 2 = 1, so the last row and column are never covered."""
    english = client.get("/api/arithmetic?i=6&k=3&s=2").json()["notes"]
    korean = client.get("/api/arithmetic?i=6&k=3&s=2&lang=ko")
    assert english == [
        "The last row and column of the padded input (bottom and right edge) are never "
        "covered, since (i + 2p − k) mod s = (6 + 0 − 3) mod 2 = 1."
    ]
    assert korean.json()["notes"] == [
        "(i + 2p − k) mod s = (6 + 0 − 3) mod 2 = 1이므로 패딩한 입력의 마지막 행과 열(아래쪽과 "
        "오른쪽 가장자리)은 어떤 창에도 덮이지 않습니다."
    ]
    assert korean.headers["Content-Language"] == "ko"


def test_a_layer_refusal_says_the_layer_in_korean(client: TestClient) -> None:
    response = client.get("/api/network?layers=conv(k=3);maxpool(k=0)&lang=ko")
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "2번 층(maxpool): 커널 크기 k은(는) 1 이상이어야 합니다. 받은 값: 0."
    )


def test_the_etag_and_the_cache_keep_the_languages_apart(client: TestClient) -> None:
    query = "/api/frames?i=6&k=3&s=2"
    english = client.get(query)
    korean = client.get(f"{query}&lang=ko")
    again = client.get(query)
    assert english.headers["ETag"] != korean.headers["ETag"]
    assert again.content == english.content and again.headers["ETag"] == english.headers["ETag"]
    assert "Accept-Language" in english.headers["Vary"]
    not_modified = client.get(
        f"{query}&lang=ko", headers={"If-None-Match": english.headers["ETag"]}
    )
    assert not_modified.status_code == 200 and not_modified.content == korean.content


def test_a_refusal_differs_by_language_and_says_so(client: TestClient) -> None:
    english = client.get("/api/ranges?k=0")
    korean = client.get("/api/ranges?k=0&lang=ko")
    assert english.json()["detail"] == "The kernel size k must be at least 1; got 0."
    assert korean.json()["detail"] == "커널 크기 k은(는) 1 이상이어야 합니다. 받은 값: 0."
    assert (english.headers["Content-Language"], korean.headers["Content-Language"]) == (
        "en",
        "ko",
    )


def _png(size: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (size, size), 128).save(out, "PNG")
    return out.getvalue()


def test_an_upload_refusal_in_korean(client: TestClient) -> None:
    files = {"image": ("a.png", b"not a picture", "image/png")}
    response = client.post("/api/filter?lang=ko", files=files)
    assert response.status_code == 415
    assert response.json()["detail"] == (
        "image 필드가 PNG나 JPEG 그림이 아닙니다(이름이 아니라 내용으로 판단합니다). PNG나 "
        "JPEG를 보내세요."
    )
    plain = client.post(
        "/api/filter", content=b"x", headers={"content-type": "text/plain", **KOREAN}
    )
    assert plain.status_code == 415
    assert plain.json()["detail"].endswith("요청의 Content-Type은 'text/plain'입니다.")
    picture = client.post("/api/filter?k=0&lang=ko", files={"image": ("a.png", _png(8), "")})
    assert picture.json()["detail"] == "커널 크기 k은(는) 1 이상이어야 합니다. 받은 값: 0."


def test_image_modes_refusal_wraps_the_engines_in_korean(client: TestClient) -> None:
    response = client.post("/api/filter?k=9&lang=ko", files={"image": ("a.png", _png(8), "")})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.endswith("이미지 모드에서는 그림이 입력입니다. 필터링하는 그림은 8×8 픽셀입니다.")
    assert "In image mode" not in detail


def test_a_validation_refusal_in_korean(client: TestClient) -> None:
    response = client.get("/api/arithmetic", params={"k": "1" * 65, "lang": "ko"})
    assert response.status_code == 422
    assert response.json()["detail"] == "파라미터 k이(가) 너무 깁니다. 최대 64자까지 주세요."


def test_an_unknown_parameter_in_korean_names_it(client: TestClient) -> None:
    response = client.get("/api/arithmetic?stride=2&lang=ko")
    assert response.json()["parameter"] == "stride"
    assert response.json()["detail"].startswith(
        "알 수 없는 파라미터 'stride' (s을(를) 뜻했나요?). /api/arithmetic은(는) op, dims, i, k,"
    )


def test_a_picture_refusal_in_korean(client: TestClient) -> None:
    response = client.get("/render/frame.svg?i=5&step=99&lang=ko")
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "step은 0에서 8 사이여야 합니다(이 설정은 출력 칸마다 하나씩 9단계입니다). 받은 값: 99."
    )


VALUES = {
    "op": ["conv", "transpose", "maxpool", "avgpool", "bogus"],
    "i": ["5", "0", "129", "x", "3,200", "1"],
    "k": ["3", "0", "9", "x", "4,2", "40"],
    "s": ["1", "2", "0", "99", "x"],
    "p": ["0", "1", "same", "full", "-1", "70", "x", "half"],
    "d": ["1", "2", "0", "x"],
    "a": ["0", "1", "3"],
    "ceil": ["0", "1", "x"],
    "c_in": ["3", "0", "4"],
    "c_out": ["6", "0", "5"],
    "g": ["1", "2", "3"],
    "padding_mode": ["zeros", "reflect", "circular", "x"],
    "w": ["sobel_x", "identity", "1,2;3", "nope"],
    "x": ["1,2;3,4", "1;x"],
    "stride": ["2"],
}


def test_every_refusal_is_korean_with_the_same_parameter_and_status(client: TestClient) -> None:
    """Random queries, mostly refused: the Korean answer has Hangul, names the same parameter
    and has the same status as the English."""
    rng = random.Random(7)
    refused = 0
    for _ in range(400):
        query = {
            name: rng.choice(VALUES[name]) for name in rng.sample(list(VALUES), rng.randint(1, 5))
        }
        endpoint = rng.choice(["arithmetic", "frames", "ranges", "scatter"])
        english = client.get(f"/api/{endpoint}", params=query)
        korean = client.get(f"/api/{endpoint}", params=query, headers=KOREAN)
        assert english.status_code == korean.status_code, query
        if english.status_code != 422:
            continue
        refused += 1
        assert korean.json()["parameter"] == english.json()["parameter"], query
        assert korean.json()["reason"] == english.json()["reason"]
        assert HANGUL.search(korean.json()["detail"]), (query, korean.json())
        assert not HANGUL.search(english.json()["detail"])
    assert refused > 250


LAYERS = [
    "conv(k=3,p=1,c=8)",
    "maxpool(k=2)",
    "fc(c=10)",
    "conv(k=0)",
    "bogus(k=1)",
    "conv(k=3",
    "conv(q=1)",
    "conv(k=3,k=3)",
    "conv(k=)",
    "conv(p=same,s=2)",
    "conv(p=wat)",
    "conv(k=a)",
    "fc()",
    "conv(g=3,c=4)",
    "transpose(k=2,s=2,c=3)",
]


def test_every_network_refusal_is_korean(client: TestClient) -> None:
    rng = random.Random(11)
    refused = 0
    for _ in range(150):
        layers = ";".join(rng.choice(LAYERS) for _ in range(rng.randint(1, 4)))
        params = {"layers": layers, "i": rng.choice(["32", "0", "9x9"])}
        english = client.get("/api/network", params=params)
        korean = client.get("/api/network", params={**params, "lang": "ko"})
        assert english.status_code == korean.status_code, params
        if english.status_code == 422:
            refused += 1
            assert korean.json()["parameter"] == english.json()["parameter"]
            assert HANGUL.search(korean.json()["detail"]), korean.json()
    assert refused > 50


def test_the_english_titles_and_abouts_are_the_engines_own() -> None:
    """The catalogue's English is what the engine declares in English."""
    english = catalogue("en")
    for rel in (*ALL, ASYMMETRIC, CEIL, TRANSPOSED_DILATED):
        assert english[rel.key] == rel.title
    for sample in SAMPLES.values():
        assert english[f"sample.about.{sample.name}"] == sample.about


def test_the_relationship_and_the_keras_note_in_korean(client: TestClient) -> None:
    # The paper's relationship 5 (i=6, k=3, s=2, no padding), and Keras's 'same' pooling.
    body = client.get("/api/arithmetic?i=6&k=3&s=2&lang=ko").json()
    assert body["relationship"]["title"] == "제로 패딩 없음, 1이 아닌 스트라이드"
    english = client.get("/api/arithmetic?op=maxpool&i=5&k=2&ceil=1").json()
    korean = client.get("/api/arithmetic?op=maxpool&i=5&k=2&ceil=1&lang=ko").json()
    assert english["code"]["keras_note"] == (
        "Keras has no ceil_mode, but here padding='same' computes exactly PyTorch's windows, "
        "the last partial one included."
    )
    assert korean["code"]["keras_note"] == (
        "Keras에는 ceil_mode가 없지만, 여기서는 padding='same'이 마지막 부분 창까지 포함해 "
        "PyTorch의 창을 정확히 계산합니다."
    )
    assert korean["code"]["keras"] == english["code"]["keras"]  # code is code


def test_the_samples_are_described_in_korean(client: TestClient) -> None:
    response = client.get("/api/filter/samples?lang=ko")
    about = {s["name"]: s["about"] for s in response.json()}
    assert about["checkerboard"] == "한 변이 16픽셀인 검은색과 흰색 정사각형."
    assert response.headers["Content-Language"] == "ko"


def test_the_pages_notice_of_ignored_names_guesses_in_korean(client: TestClient) -> None:
    korean = client.get("/?stride=2&lang=ko").text
    english = client.get("/?stride=2&lang=en").text
    assert "stride (s을(를) 뜻했나요?)" in korean and "did you mean" not in korean
    assert "ignored: stride (did you mean s?)." in english


def test_the_openapi_documents_lang_and_content_language(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, operation in operations.items():
            names = {p["name"] for p in operation["parameters"]}
            assert "lang" in names, (method, path)
            assert "Content-Language" in operation["responses"]["422"]["headers"], path
    said = schema["paths"]["/api/frames"]["get"]["responses"]["200"]
    assert "Content-Language" in said["headers"]


def test_the_matrix_refusal_in_korean(client: TestClient) -> None:
    response = client.get("/api/matrix?op=avgpool&i=4&k=2&lang=ko")
    assert response.status_code == 422
    assert response.json()["detail"].startswith(
        "행렬 보기는 합성곱의 가중치를 보여 줍니다. op=conv 또는 op=transpose로 두세요. "
        "(평균 풀링은"
    )
    assert client.get("/api/matrix?i=4&k=3&lang=ko").headers["Content-Language"] == "ko"
