"""Image mode: the filter against PyTorch's F.conv2d, known results on drawn pictures, the
display scales worked by hand, the samples, and /api/filter on the bundled pictures."""

from __future__ import annotations

import dataclasses
import io
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from PIL import Image

from app.core import filtering
from app.core.arithmetic import analyse
from app.core.filtering import (
    FLAT_GREY,
    check_filter_work,
    filter_image,
    resolve_scale,
    to_display,
)
from app.core.kernels import preset
from app.core.limits import IMAGE_LIMITS
from app.core.padmodes import PADDING_MODES, PaddingMode
from app.core.parameters import ConfigError
from app.core.params import Config, parse_values
from app.core.samples import SAMPLE_SIZE, SAMPLES, sample

torch = pytest.importorskip("torch")
F = torch.nn.functional


def conv(
    i: tuple[int, int],
    k: tuple[int, int],
    s: str = "1",
    p: str = "0",
    d: str = "1",
    mode: PaddingMode = "zeros",
) -> Config:
    sizes = {"i": f"{i[0]},{i[1]}", "k": f"{k[0]},{k[1]}"}
    return parse_values({"op": "conv", "s": s, "p": p, "d": d, "padding_mode": mode} | sizes)


def torch_filter(image: np.ndarray, weight: np.ndarray, config: Config, mode: PaddingMode) -> Any:
    """PyTorch's answer: F.pad in the mode (zeros: a constant 0), then F.conv2d."""
    x = torch.tensor(image, dtype=torch.float64)[None, None]
    pads = (config.padding.left, config.padding.right, config.padding.top, config.padding.bottom)
    x = F.pad(x, pads, mode="constant" if mode == "zeros" else mode)
    w = torch.tensor(weight, dtype=torch.float64)[None, None]
    return F.conv2d(x, w, stride=config.s, dilation=config.d)[0, 0].numpy()


# --- against PyTorch --------------------------------------------------------------------------

sizes = st.tuples(st.integers(1, 12), st.integers(1, 12))


@pytest.mark.torch
@given(
    i=sizes,
    k=st.tuples(st.integers(1, 5), st.integers(1, 5)),
    s=st.tuples(st.integers(1, 4), st.integers(1, 4)),
    p=st.one_of(st.tuples(st.integers(0, 4), st.integers(0, 4)).map(lambda t: f"{t[0]},{t[1]}"),
                st.just("same")),
    d=st.tuples(st.integers(1, 3), st.integers(1, 3)),
    mode=st.sampled_from(PADDING_MODES),
    seed=st.integers(0, 2**32 - 1),
)  # fmt: skip
@settings(max_examples=300, deadline=None)
def test_filter_is_torchs_conv2d(
    i: tuple[int, int],
    k: tuple[int, int],
    s: tuple[int, int],
    p: str,
    d: tuple[int, int],
    mode: PaddingMode,
    seed: int,
) -> None:
    try:
        config = conv(i, k, f"{s[0]},{s[1]}", p, f"{d[0]},{d[1]}", mode)
        analyse(config)
    except ConfigError:
        assume(False)
    rng = np.random.default_rng(seed)
    image = rng.integers(0, 256, i).astype(np.uint8)
    weight = rng.standard_normal(k)
    got = filter_image(image, weight, config)
    np.testing.assert_allclose(got, torch_filter(image, weight, config, mode), atol=1e-9)


@pytest.mark.torch
@pytest.mark.parametrize("mode", PADDING_MODES)
def test_a_colour_picture_is_filtered_per_channel_as_a_depthwise_conv2d(mode: PaddingMode) -> None:
    rng = np.random.default_rng(7)
    image = rng.integers(0, 256, (9, 11, 3)).astype(np.uint8)
    weight = rng.standard_normal((3, 2))
    config = conv((9, 11), (3, 2), s="2,1", p="1,2", d="2,1", mode=mode)
    x = torch.tensor(image, dtype=torch.float64).permute(2, 0, 1)[None]
    x = F.pad(x, (2, 2, 1, 1), mode="constant" if mode == "zeros" else mode)
    w = torch.tensor(weight, dtype=torch.float64)[None, None].repeat(3, 1, 1, 1)
    want = F.conv2d(x, w, stride=(2, 1), dilation=(2, 1), groups=3)[0].permute(1, 2, 0).numpy()
    np.testing.assert_allclose(filter_image(image, weight, config), want, atol=1e-9)


# --- known results, worked by hand ------------------------------------------------------------


def test_a_box_blur_of_a_flat_picture_is_flat_away_from_the_border() -> None:
    flat = np.full((8, 8), 90, dtype=np.uint8)
    out = filter_image(flat, preset("box_blur", (3, 3)), conv((8, 8), (3, 3), p="1"))
    np.testing.assert_allclose(out[1:-1, 1:-1], 90.0)
    # A corner's window holds 4 of the 9 pixels, an edge's 6.
    assert out[0, 0] == pytest.approx(40.0)
    assert out[0, 3] == pytest.approx(60.0)


@pytest.mark.parametrize("name", ["outline", "laplacian", "sobel_x", "sobel_y"])
def test_an_edge_detector_is_zero_on_a_flat_region(name: str) -> None:
    flat = np.full((6, 7), 173, dtype=np.uint8)
    out = filter_image(flat, preset(name, (3, 3)), conv((6, 7), (3, 3)))
    np.testing.assert_allclose(out, 0.0, atol=1e-12)


def test_sobel_x_answers_a_vertical_edge_and_sobel_y_does_not() -> None:
    # Dark (0) in columns 0 to 3, bright (100) from column 4 on.
    edge = np.zeros((5, 8), dtype=np.uint8)
    edge[:, 4:] = 100
    config = conv((5, 8), (3, 3))
    across = filter_image(edge, preset("sobel_x", (3, 3)), config)
    # Windows over columns 2..4 and 3..5 straddle the edge: (1 + 2 + 1) × 100 each.
    row = [0.0, 0.0, 400.0, 400.0, 0.0, 0.0]
    np.testing.assert_allclose(across, [row] * 3)
    along = filter_image(edge, preset("sobel_y", (3, 3)), config)
    np.testing.assert_allclose(along, 0.0)


def test_sobel_y_answers_a_horizontal_edge_and_sobel_x_does_not() -> None:
    edge = np.zeros((8, 5), dtype=np.uint8)
    edge[4:, :] = 100
    config = conv((8, 5), (3, 3))
    across = filter_image(edge, preset("sobel_y", (3, 3)), config)
    column = [0.0, 0.0, 400.0, 400.0, 0.0, 0.0]
    np.testing.assert_allclose(across, np.array([column] * 3).T)
    np.testing.assert_allclose(filter_image(edge, preset("sobel_x", (3, 3)), config), 0)


def test_stride_dilation_and_padding_on_a_numbered_picture() -> None:
    # Pixel (r, c) holds 10r + c; the identity 3×3 picks the centre of each window.
    image = np.add.outer(10 * np.arange(6), np.arange(6)).astype(np.uint8)
    config = conv((6, 6), (3, 3), s="2", p="1", d="2", mode="replicate")
    out = filter_image(image, preset("identity", (3, 3)), config)
    # Output (a, b) reads padded cell (2a + 2, 2b + 2), input cell (2a + 1, 2b + 1).
    np.testing.assert_array_equal(out, [[11, 13], [31, 33]])


# --- display ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scale", "values", "shown"),
    [
        ("clip", [-5.0, 0.4, 0.6, 254.5, 300.0], [0, 0, 1, 254, 255]),  # 254.5 rounds to even
        ("abs", [-5.0, -0.6, 0.4, -254.6, -300.0], [5, 1, 0, 255, 255]),
        ("normalize", [-10.0, 0.0, 10.0, 5.0, -10.0], [0, 128, 255, 191, 0]),
        ("normalize", [3.0, 3.0, 3.0, 3.0, 3.0], [FLAT_GREY] * 5),
        # Rounding noise in a blur of a flat picture is not stretched into stripes.
        ("normalize", [128.0, 128.0 + 1e-12, 128.0 - 1e-12, 128.0, 128.0], [FLAT_GREY] * 5),
    ],
)
def test_to_display(scale: Any, values: list[float], shown: list[int]) -> None:
    got = to_display(np.array([values]), scale)
    assert got.dtype == np.uint8
    assert got.tolist() == [shown]


@pytest.mark.parametrize(
    ("name", "scale"),
    [("sobel_x", "abs"), ("outline", "abs"), ("laplacian", "abs"), ("box_blur", "clip"),
     ("sharpen", "clip"), ("emboss", "clip"), ("identity", "clip")],
)  # fmt: skip
def test_auto_is_abs_for_kernels_summing_to_zero(name: str, scale: str) -> None:
    assert resolve_scale("auto", preset(name, (3, 3))) == scale
    assert resolve_scale("normalize", preset(name, (3, 3))) == "normalize"


def test_auto_sees_typed_weights_that_cancel() -> None:
    assert resolve_scale("auto", np.array([[0.1, 0.2, -0.3]])) == "abs"
    assert resolve_scale("auto", np.array([[0.1, 0.2, -0.2]])) == "clip"


# --- limits -----------------------------------------------------------------------------------


def test_the_work_limit_admits_exactly_its_number(monkeypatch: pytest.MonkeyPatch) -> None:
    # 512×512 output ('same' padding) × 31×31 taps is the documented limit itself.
    config = conv((512, 512), (31, 31), p="same")
    assert IMAGE_LIMITS.max_work == 512 * 512 * 31 * 31
    check_filter_work(config)
    lower = dataclasses.replace(IMAGE_LIMITS, max_work=IMAGE_LIMITS.max_work - 1)
    monkeypatch.setattr(filtering, "IMAGE_LIMITS", lower)
    with pytest.raises(ConfigError, match="multiply-adds") as refused:
        check_filter_work(config)
    assert refused.value.parameter == "k"


def test_the_padded_picture_limit() -> None:
    check_filter_work(conv((512, 512), (1, 1), p="256"))  # 1024 × 1024
    with pytest.raises(ConfigError, match="padded picture") as refused:
        check_filter_work(conv((512, 512), (1, 1), p="256,257"))
    assert refused.value.parameter == "p"


# --- samples ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_samples_are_grey_read_only_and_the_same_every_time(name: str) -> None:
    pixels = sample(name)
    assert pixels.shape == (256, 256)  # by hand: 16 checkerboard squares of 16 pixels
    assert pixels.dtype == np.uint8
    assert not pixels.flags.writeable
    assert pixels.max() > pixels.min()
    assert np.array_equal(SAMPLES[name].draw(SAMPLE_SIZE).round().clip(0, 255), pixels)


def test_the_checkerboard_has_16_pixel_squares() -> None:
    board = sample("checkerboard")
    assert board[0, 0] == board[15, 15] == board[16, 16] == 255
    assert board[0, 16] == board[16, 0] == board[31, 15] == 0


def test_the_zone_plate_is_white_at_its_centre_and_symmetric() -> None:
    rings = sample("rings")
    assert rings[127, 127] == rings[128, 128] == 255
    assert np.array_equal(rings, rings[::-1, ::-1])
    assert np.array_equal(rings, rings.T)


def test_an_unknown_sample_is_a_sentence() -> None:
    with pytest.raises(ConfigError, match="use one of shapes, rings, checkerboard"):
        sample("lena")


def test_an_unknown_sample_is_quoted_to_its_first_40_characters() -> None:
    with pytest.raises(ConfigError) as refused:
        sample("x" * 50)
    assert f"Unknown sample '{'x' * 40}';" in str(refused.value)


# --- /api/filter on the samples ---------------------------------------------------------------


def _pixels(png: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(png)) as picture:
        assert picture.format == "PNG" and picture.mode == "L"
        return np.asarray(picture)


API_CASES = [
    ("shapes", "w=sobel_x", "abs", "zeros"),
    ("shapes", "w=box_blur&k=5&s=2&p=2", "clip", "reflect"),
    ("rings", "w=gaussian_blur&k=4,2&d=2,1&p=same", "clip", "replicate"),
    ("rings", "w=gaussian_blur&k=4,2&s=3,2&p=2,1", "clip", "replicate"),
    ("checkerboard", "w=emboss&d=3&p=3", "normalize", "circular"),
    ("shapes", "w=1.5,-2;0.25,3&s=2", "clip", "zeros"),
    ("rings", "w=laplacian&p=1", "abs", "reflect"),
]


@pytest.mark.torch
@pytest.mark.parametrize(("name", "query", "scale", "mode"), API_CASES)
def test_the_api_answers_torchs_output(
    client: TestClient, name: str, query: str, scale: str, mode: str
) -> None:
    link = f"/api/filter?sample={name}&{query}&padding_mode={mode}&scale={scale}"
    shown = client.get(link)
    assert shown.status_code == 200, shown.text
    given_in = client.get(link + "&show=input")
    image = _pixels(given_in.content)
    config, weight = _config_of(query, image.shape)
    want = torch_filter(image, weight, config, mode)  # type: ignore[arg-type]
    if scale == "abs":
        want = np.abs(want)
    elif scale == "normalize":
        want = (want - want.min()) * (255.0 / (want.max() - want.min()))
    want = np.clip(np.rint(want), 0, 255)
    got = _pixels(shown.content).astype(np.float64)
    assert got.shape == want.shape
    assert f"{got.shape[0]}x{got.shape[1]}" == shown.headers["x-output-size"]
    assert shown.headers["x-input-size"] == f"{SAMPLE_SIZE}x{SAMPLE_SIZE}"
    assert shown.headers["x-display-scale"] == scale
    # Sums in another order can land a value a hair either side of a half.
    assert np.abs(got - want).max() <= 1
    assert np.mean(got != want) < 0.001


def _config_of(query: str, shape: tuple[int, ...]) -> tuple[Config, np.ndarray]:
    """The test's own reading of a case: weights written out or PyTorch-built presets."""
    values = dict(part.split("=") for part in query.split("&"))
    w = values.pop("w")
    if w[0].isalpha():
        config = parse_values({**values, "op": "conv", "i": f"{shape[0]},{shape[1]}"})
        return config, _preset_by_hand(w, config.k)
    weight = np.array([[float(v) for v in row.split(",")] for row in w.split(";")])
    k = f"{weight.shape[0]},{weight.shape[1]}"
    i = f"{shape[0]},{shape[1]}"
    return parse_values({**values, "op": "conv", "i": i, "k": k}), weight


def _preset_by_hand(name: str, k: tuple[int, int]) -> np.ndarray:
    if name == "box_blur":
        return np.full(k, 1.0 / (k[0] * k[1]))
    if name == "gaussian_blur":  # binomial rows, worked out: (1,3,3,1) and (1,1)
        assert k == (4, 2)
        return np.outer([1, 3, 3, 1], [1, 1]) / 16.0
    fixed = {
        "sobel_x": [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
        "emboss": [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]],
        "laplacian": [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
    }
    return np.array(fixed[name], dtype=np.float64)


def test_a_sample_answer_is_cached_and_revalidated(client: TestClient) -> None:
    first = client.get("/api/filter?sample=rings&w=box_blur&s=2")
    assert first.headers["cache-control"] == "public, max-age=86400"
    again = client.get(
        "/api/filter?sample=rings&w=box_blur&s=2", headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304


def test_show_input_is_the_sample_itself(client: TestClient) -> None:
    r = client.get("/api/filter?sample=checkerboard&w=sobel_y&show=input&s=4")
    # The checkerboard as its description says: 256×256, squares of 16, white at the corner.
    rows, cols = np.indices((256, 256)) // 16
    expected = np.where((rows + cols) % 2 == 0, 255, 0)
    assert np.array_equal(_pixels(r.content), expected)
    assert r.headers["x-output-size"] == "64x64"
    assert "x-input-scaled" not in r.headers


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ("stride=2", "stride", "did you mean s?"),
        ("sample=lena", "sample", "use one of shapes"),
        ("w=sobel", "w", "one of identity, box_blur"),
        ("w=1,2;3", "w", "as many values as the first"),
        ("w=1,2;3,4&k=3", "w", "w is 2×2 but kernel size k is 3×3"),
        ("w=sharpen&k=5", "w", "3×3 kernel"),
        ("padding_mode=mirror", "padding_mode", "one of zeros, reflect"),
        ("padding_mode=reflect&p=256", "padding_mode", "smaller than the input"),
        ("k=33&w=box_blur", "w", "at most 1,024"),
        ("k=31&w=box_blur&p=300", "k", "multiply-adds"),
        ("k=32&w=box_blur&d=9", "k", "larger than the padded input"),
        ("scale=loud", "scale", "not valid"),
        ("show=both", "show", "not valid"),
    ],
)
def test_a_bad_link_is_a_422_sentence(
    client: TestClient, query: str, parameter: str, words: str
) -> None:
    r = client.get(f"/api/filter?{query}")
    assert r.status_code == 422
    body = r.json()
    assert body["parameter"] == parameter
    assert words in body["detail"]
    assert body["detail"].endswith(".")


def test_the_samples_are_listed(client: TestClient) -> None:
    r = client.get("/api/filter/samples")
    assert r.status_code == 200
    assert "etag" in r.headers
    listed = r.json()
    assert [s["name"] for s in listed] == ["shapes", "rings", "checkerboard"]
    assert all(s["height"] == s["width"] == SAMPLE_SIZE for s in listed)
