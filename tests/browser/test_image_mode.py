"""Image mode on the main page, in headless Chromium against the real server: the picture
filtered with the figure's settings and held to PyTorch's F.conv2d, uploads and their
refusals, a patch of the picture's pixels put into the figure, and every failure shown."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import numpy as np
import pytest
from PIL import Image

from tests.browser.conftest import new_context
from tests.browser.test_page import figure_query, open_page

pytestmark = pytest.mark.browser

torch = pytest.importorskip("torch")
F = torch.nn.functional

Page = Any
SOBEL_X = [[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]
# The server's refusals of an upload the page explains; Chromium logs each as a failed load.
EXPLAINED = re.compile(r"status of (413|415|422)")


@contextmanager
def explaining_page(browser: Any) -> Iterator[Any]:
    """A page that fails the test on a script error or a logged error other than a refused
    upload, and records every request it makes."""
    context = new_context(browser)
    page = context.new_page()
    errors: list[str] = []
    page.requests = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda m: (
            errors.append(m.text) if m.type == "error" and not EXPLAINED.search(m.text) else None
        ),
    )
    page.on("request", lambda request: page.requests.append((request.method, request.url)))
    yield page
    context.close()
    assert errors == [], errors


def open_image_mode(page: Page, server: str, query: str) -> None:
    open_page(page, server, query)
    page.click("#image-mode > summary")
    page.wait_for_selector("#image-result:not([hidden])")


def wait_for_filter(page: Page, fragment: str) -> None:
    """Wait until the result on screen was filtered with a query containing ``fragment``."""
    page.wait_for_function(
        "f => (document.getElementById('image-mode').dataset.query || '').includes(f)",
        arg=fragment,
    )


def shown_pixels(page: Page, selector: str) -> np.ndarray:
    """The picture an <img> shows, decoded from its data: URL."""
    src = str(page.get_attribute(selector, "src"))
    head, _, data = src.partition(",")
    assert head == "data:image/png;base64"
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(data))))


def server_input(server: str, sample: str) -> np.ndarray:
    """The sample exactly as the server filters it (show=input), read with Pillow."""
    answer = httpx.get(f"{server}/api/filter", params={"sample": sample, "show": "input", "k": 1})
    assert answer.status_code == 200
    return np.asarray(Image.open(io.BytesIO(answer.content)))


def torch_conv(
    picture: np.ndarray,
    weight: list[list[float]],
    *,
    stride: int = 1,
    padding: int = 0,
    dilation: int = 1,
) -> np.ndarray:
    x = torch.tensor(picture, dtype=torch.float64)[None, None]
    w = torch.tensor(weight, dtype=torch.float64)[None, None]
    return np.asarray(F.conv2d(x, w, stride=stride, padding=padding, dilation=dilation)[0, 0])


def as_abs(out: np.ndarray) -> np.ndarray:
    """The display scale 'abs': magnitudes, clipped to grey levels."""
    return np.clip(np.rint(np.abs(out)), 0, 255).astype(np.uint8)


def png_bytes(pixels: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels.astype(np.uint8)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_preset_on_a_sample_is_pytorchs_conv2d(page: Page, server: str) -> None:
    open_image_mode(page, server, "op=conv&i=5&k=3&s=1&p=1")
    page.check('input[name="image-picture"][value="rings"]')
    page.select_option("#image-kernel", "sobel_x")
    wait_for_filter(page, "sample=rings&k=3&s=1&p=1&w=sobel_x")
    # The kernel menu set the figure's kernel: one state for both.
    page.wait_for_function("document.getElementById('figure').dataset.query.includes('w=sobel_x')")
    expected = torch_conv(server_input(server, "rings"), SOBEL_X, padding=1)
    natural = page.eval_on_selector("#image-output", "img => [img.naturalHeight, img.naturalWidth]")
    assert tuple(natural) == expected.shape == (256, 256)
    # The result is drawn at its true size: one picture pixel per CSS pixel.
    box = page.locator("#image-output").bounding_box()
    assert (round(box["height"]), round(box["width"])) == expected.shape
    shown = shown_pixels(page, "#image-output")
    np.testing.assert_array_equal(shown, as_abs(expected))
    assert page.inner_text("#image-input-caption") == "input 256×256"
    assert page.inner_text("#image-output-caption") == "result 256×256"
    assert page.inner_text("#image-kernel-caption") == "kernel 3×3"
    assert "magnitudes" in page.inner_text("#image-shown")
    weights = page.locator("#image-weights td").all_text_contents()
    assert weights == ["−1", "0", "1", "−2", "0", "2", "−1", "0", "1"]


def test_stride_2_shows_a_smaller_result_with_its_size(page: Page, server: str) -> None:
    open_image_mode(page, server, "op=conv&i=5&k=3&s=1&p=0&w=sobel_x")
    wait_for_filter(page, "s=1&p=0&w=sobel_x")
    page.fill("#s-0-number", "2")
    page.dispatch_event("#s-0-number", "change")
    wait_for_filter(page, "s=2&p=0&w=sobel_x")
    expected = torch_conv(server_input(server, "shapes"), SOBEL_X, stride=2)
    assert expected.shape == (127, 127)
    natural = page.eval_on_selector("#image-output", "img => [img.naturalHeight, img.naturalWidth]")
    assert tuple(natural) == (127, 127)
    np.testing.assert_array_equal(shown_pixels(page, "#image-output"), as_abs(expected))
    assert page.inner_text("#image-output-caption") == "result 127×127"
    assert page.inner_text("#image-change").startswith("256×256 → 127×127")
    assert page.inner_text("#image-from-page") == (
        "From the Parameters panel: kernel size 3×3, stride 2, padding 0, dilation 1."
    )


def test_the_display_scale_menu_says_how_the_result_was_scaled(page: Page, server: str) -> None:
    open_image_mode(page, server, "op=conv&i=5&k=3&s=1&p=1&w=sharpen")
    wait_for_filter(page, "w=sharpen")
    assert "clipped" in page.inner_text("#image-shown")
    page.select_option("#image-scale", "normalize")
    wait_for_filter(page, "scale=normalize")
    assert "normalized" in page.inner_text("#image-shown")
    assert page.inner_text("#image-scale-about").startswith("normalize:")
    out = torch_conv(
        server_input(server, "shapes"), [[0, -1, 0], [-1, 5, -1], [0, -1, 0]], padding=1
    )
    stretched = np.rint((out - out.min()) / (out.max() - out.min()) * 255)
    np.testing.assert_array_equal(shown_pixels(page, "#image-output"), stretched.astype(np.uint8))


def test_the_input_pixels_read_back_exactly_and_a_patch_becomes_the_figure(
    page: Page, server: str
) -> None:
    open_image_mode(page, server, "op=conv&i=5&k=3&s=1&p=0&w=sobel_x")
    page.check('input[name="image-picture"][value="rings"]')
    wait_for_filter(page, "sample=rings")
    picture = server_input(server, "rings")
    page.click("#image-pick", position={"x": 40.5, "y": 60.5})
    page.wait_for_function("new URLSearchParams(location.search).has('x')")
    # Clicked at pixel (60, 40): a 5×5 patch (3 + two strides) centred there.
    assert page.get_attribute("#image-mode", "data-patch") == "58,38,5,5"
    patch = picture[58:63, 38:43]
    params = dict(
        part.split("=", 1) for part in page.evaluate("location.search").lstrip("?").split("&")
    )
    values = np.array([[int(v) for v in row.split(",")] for row in params["x"].split(";")])
    # Canvas pixels equal the server's: a greyscale PNG reads back exactly.
    np.testing.assert_array_equal(values, patch)
    settings = (params["op"], params["i"], params["w"], params["numbers"])
    assert settings == ("conv", "5", "sobel_x", "1")
    assert page.is_checked("#numbers")
    # The figure works out the first output from the patch's numbers.
    page.wait_for_function("document.getElementById('figure').dataset.query.includes('x=')")
    if page.get_attribute("#play", "aria-pressed") == "true":
        page.click("#play")
    page.click("#first")
    first = int(torch_conv(patch, SOBEL_X)[0, 0])
    caption = page.inner_text("#caption")
    assert caption.startswith("Output (0, 0) = ")
    assert caption.endswith(f"= {first}")
    assert f"{patch[0, 0]}×" in caption
    # The patch is marked on the input picture, at its pixels.
    marker = page.locator("#image-patch").bounding_box()
    image = page.locator("#image-input").bounding_box()
    assert (round(marker["x"] - image["x"]), round(marker["y"] - image["y"])) == (38 - 3, 58 - 3)
    assert page.inner_text("#image-status").startswith("The figure's input is now rows 58 to 62")


def test_zoomed_pictures_stay_crisp_and_a_click_finds_its_pixel(page: Page, server: str) -> None:
    open_image_mode(page, server, "op=conv&i=5&k=3&s=2&p=0&w=sobel_x")
    page.select_option("#image-zoom", "2")
    assert page.inner_text("#image-input-caption") == "input 256×256, shown at 2×"
    assert page.inner_text("#image-output-caption") == "result 127×127, shown at 2×"
    assert page.locator("#image-input").bounding_box()["width"] == 512
    assert page.locator("#image-output").bounding_box()["width"] == 254
    rendering = page.eval_on_selector(
        "#image-output", "img => getComputedStyle(img).imageRendering"
    )
    assert rendering == "pixelated"
    page.click("#image-pick", position={"x": 81, "y": 121})
    page.wait_for_function("new URLSearchParams(location.search).has('x')")
    # Pixel (60, 40) at 2×; a 7×7 patch at stride 2, its marker drawn at 2× too.
    assert page.get_attribute("#image-mode", "data-patch") == "57,37,7,7"
    marker = page.locator("#image-patch").bounding_box()
    assert (round(marker["width"]), round(marker["height"])) == (14 + 6, 14 + 6)


def test_the_keyboard_moves_the_patch_and_enter_picks_it(page: Page, server: str) -> None:
    open_image_mode(page, server, "op=conv&i=5&k=3&s=2&p=0&w=sobel_y")
    page.focus("#image-pick")
    for key in ("ArrowRight", "ArrowRight", "Shift+ArrowDown"):
        page.keyboard.press(key)
    # From the middle, (128, 128), to (128 + 16, 128 + 2); a 7×7 patch at stride 2.
    assert page.inner_text("#image-status").startswith(
        "Patch: rows 141 to 147, columns 127 to 133."
    )
    page.keyboard.press("Enter")
    page.wait_for_function("new URLSearchParams(location.search).get('i') === '7'")
    picture = server_input(server, "shapes")
    x = page.evaluate("new URLSearchParams(location.search).get('x')")
    assert x == ";".join(",".join(str(v) for v in row) for row in picture[141:148, 127:134])


def test_an_upload_is_filtered_and_its_sizes_shown(browser: Any, server: str) -> None:
    rng = np.random.default_rng(3)
    picture = rng.integers(0, 256, size=(30, 40)).astype(np.uint8)
    with explaining_page(browser) as page:
        open_image_mode(page, server, "op=conv&i=5&k=3&s=2&p=1&w=sobel_x")
        page.set_input_files(
            "#image-file",
            {"name": "mine.png", "mimeType": "image/png", "buffer": png_bytes(picture)},
        )
        page.wait_for_function(
            "document.getElementById('image-output-caption').textContent === 'result 15×20'"
        )
        expected = torch_conv(picture, SOBEL_X, stride=2, padding=1)
        np.testing.assert_array_equal(shown_pixels(page, "#image-output"), as_abs(expected))
        np.testing.assert_array_equal(shown_pixels(page, "#image-input"), picture)
        assert page.inner_text("#image-input-caption") == "input 30×40"
        assert page.is_checked("#image-own")
        assert page.inner_text("#image-file-name") == "mine.png"
        assert page.is_hidden("#image-scaled")
        posts = [url for method, url in page.requests if method == "POST"]
        # The upload went to this server alone: once as chosen, then its greyscale copy.
        assert posts and all(url.startswith(f"{server}/api/filter?") for url in posts)
        assert all(url.startswith(server) for _, url in page.requests)


def test_a_large_upload_is_shrunk_and_says_so(browser: Any, server: str) -> None:
    picture = np.tile(np.arange(0, 256, 2, dtype=np.uint8), (600, 8))[:, :1000]
    with explaining_page(browser) as page:
        open_image_mode(page, server, "op=conv&i=5&k=3&s=1&p=1&w=box_blur")
        page.set_input_files(
            "#image-file",
            {"name": "wide.png", "mimeType": "image/png", "buffer": png_bytes(picture)},
        )
        page.wait_for_selector("#image-scaled:not([hidden])")
        assert page.inner_text("#image-scaled") == (
            "Your picture was 600×1000 pixels; it was shrunk to 307×512 to be filtered."
        )
        page.wait_for_function(
            "document.getElementById('image-output-caption').textContent === 'result 307×512'"
        )


def test_a_text_file_named_png_gets_the_servers_sentence(browser: Any, server: str) -> None:
    with explaining_page(browser) as page:
        open_image_mode(page, server, "op=conv&i=5&k=3&s=1&p=1&w=sobel_x")
        before = page.get_attribute("#image-output", "src")
        page.set_input_files(
            "#image-file", {"name": "notes.png", "mimeType": "image/png", "buffer": b"just words\n"}
        )
        page.wait_for_selector("#image-error:not([hidden])")
        files = {"image": ("notes.png", b"just words\n", "image/png")}
        refusal = httpx.post(f"{server}/api/filter?w=sobel_x", files=files)
        assert refusal.status_code == 415
        detail = refusal.json()["detail"]
        assert detail.startswith("The field image is not a PNG or JPEG picture")
        assert page.inner_text("#image-error") == (
            f"{detail} The result shown is the last one that worked."
        )
        assert page.get_attribute("#image-output", "src") == before
        # The picture menu still names the picture on screen.
        assert page.is_checked('input[name="image-picture"][value="shapes"]')
        assert page.is_hidden("#image-own-option")


def test_a_file_over_the_limit_is_refused_before_sending(browser: Any, server: str) -> None:
    with explaining_page(browser) as page:
        open_image_mode(page, server, "op=conv&i=5&k=3&s=1&p=1&w=sobel_x")
        page.set_input_files(
            "#image-file",
            {"name": "huge.png", "mimeType": "image/png", "buffer": b"\0" * (5 * 2**20)},
        )
        page.wait_for_selector("#image-error:not([hidden])")
        assert page.inner_text("#image-error") == (
            "This file is 5.0 MB; image mode takes pictures of at most 4 MB. "
            "Choose a smaller one, or shrink it first."
        )
        assert [url for method, url in page.requests if method == "POST"] == []
    # The server refuses it all the same.
    files = {"image": ("huge.png", b"\0" * (5 * 2**20), "image/png")}
    assert httpx.post(f"{server}/api/filter", files=files).status_code == 413


def test_a_refused_configuration_keeps_the_last_result(browser: Any, server: str) -> None:
    # A 500-wide input is too large to draw, but valid: its arithmetic is shown, and the
    # picture filtered with its settings.
    with explaining_page(browser) as page:
        open_image_mode(page, server, "op=conv&i=500&k=3&s=1&p=1&w=sobel_x")
        wait_for_filter(page, "w=sobel_x")
        before = page.get_attribute("#image-output", "src")
        page.fill("#d-0-number", "200")
        page.dispatch_event("#d-0-number", "change")
        page.wait_for_selector("#image-error:not([hidden])")
        error = page.inner_text("#image-error")
        assert error.endswith("The result shown is the last one that worked.")
        assert "d" in error and "256" in error
        assert page.get_attribute("#image-output", "src") == before
        assert page.is_visible("#image-output")


def test_a_picture_the_kernel_cannot_fit_shows_alone_with_the_sentence(
    browser: Any, server: str
) -> None:
    with explaining_page(browser) as page:
        open_image_mode(page, server, "op=conv&i=5&k=3&s=1&p=0&w=sobel_x")
        tiny = np.array([[0, 255], [255, 0]], dtype=np.uint8)
        page.set_input_files(
            "#image-file", {"name": "tiny.png", "mimeType": "image/png", "buffer": png_bytes(tiny)}
        )
        page.wait_for_selector("#image-error:not([hidden])")
        assert page.inner_text("#image-input-caption") == "input 2×2"
        # The old result belonged to another picture: it is not shown beside this one.
        assert page.is_hidden("#image-result")
        assert "kernel" in page.inner_text("#image-error").lower()


def test_pooling_asks_for_a_convolution(page: Page, server: str) -> None:
    open_page(page, server, "op=maxpool&i=5&k=2&s=2")
    page.click("#image-mode > summary")
    page.wait_for_selector("#image-not-conv:not([hidden])")
    assert "max pooling" in page.inner_text("#image-not-conv-text")
    page.click("#image-use-conv")
    page.wait_for_function("document.getElementById('figure').dataset.query.startsWith('op=conv')")
    page.wait_for_selector("#image-result:not([hidden])")
    assert page.is_hidden("#image-not-conv")


def test_closed_it_asks_for_nothing(browser: Any, server: str) -> None:
    with explaining_page(browser) as page:
        open_page(page, server, "op=conv&i=5&k=3&s=1&p=1")
        page.check('input[name="op"][value="maxpool"]')
        page.wait_for_function(
            "document.getElementById('figure').dataset.query.startsWith('op=maxpool')"
        )
        assert [url for _, url in page.requests if "/api/filter" in url] == []


@pytest.mark.parametrize(
    ("query", "menu", "weight"),
    [
        # The learner's own weights, from the link.
        ("op=conv&i=5&k=2&s=1&p=0&w=1,0;0,-1", "own", [[1, 0], [0, -1]]),
        # The paper's kernel: the figure's numbers are the filter's weights.
        ("op=conv&i=5&k=3&s=1&p=0", "", [[0, 1, 2], [2, 2, 0], [0, 1, 2]]),
    ],
)
def test_the_figures_own_numbers_filter_the_picture(
    page: Page, server: str, query: str, menu: str, weight: list[list[int]]
) -> None:
    open_image_mode(page, server, f"{query}&padding_mode=replicate")
    assert page.input_value("#image-kernel") == menu
    assert page.input_value("#image-padding-mode") == "replicate"
    cells = page.locator("#image-weights td").all_text_contents()
    assert cells == [str(v).replace("-", "−") for row in weight for v in row]
    picture = server_input(server, "shapes")
    out = torch_conv(picture, [[float(v) for v in row] for row in weight])
    shown = shown_pixels(page, "#image-output")
    # Weights summing to 0 are shown as magnitudes (auto), others clipped.
    expected = as_abs(out) if sum(map(sum, weight)) == 0 else np.clip(np.rint(out), 0, 255)
    np.testing.assert_array_equal(shown, expected.astype(np.uint8))


def link_params(page: Page) -> dict[str, str]:
    return dict(
        part.split("=", 1) for part in page.evaluate("location.search").lstrip("?").split("&")
    )


def wait_for_link(page: Page, test: str) -> None:
    """Wait until the page's URL satisfies ``test``, a JS expression on ``p``, its params."""
    page.wait_for_function(f"(p => {test})(new URLSearchParams(location.search))")


def test_a_link_opens_image_mode_and_the_url_follows_its_settings(page: Page, server: str) -> None:
    """The lecturer's link: the Sobel filter on the rings at stride 2, open at first paint;
    the scale and zoom chosen go into the URL, and a reload keeps them."""
    open_page(page, server, "op=conv&i=5&k=3&p=0&image=rings&w=sobel_x&s=2")
    assert page.get_attribute("#image-mode", "open") is not None
    assert page.is_checked('input[name="image-picture"][value="rings"]')
    wait_for_filter(page, "sample=rings&k=3&s=2&p=0&w=sobel_x")
    expected = torch_conv(server_input(server, "rings"), SOBEL_X, stride=2)
    np.testing.assert_array_equal(shown_pixels(page, "#image-output"), as_abs(expected))
    assert page.inner_text("#image-output-caption") == "result 127×127"
    assert page.input_value("#image-kernel") == "sobel_x"
    wait_for_link(page, "p.get('image') === 'rings'")
    page.select_option("#image-scale", "normalize")
    wait_for_link(page, "p.get('image_scale') === 'normalize'")
    page.select_option("#image-zoom", "2")
    wait_for_link(page, "p.get('image_zoom') === '2'")
    params = link_params(page)
    assert (params["image"], params["w"], params["s"]) == ("rings", "sobel_x", "2")
    page.reload()
    page.wait_for_selector("html[data-ready]")
    assert page.get_attribute("#image-mode", "open") is not None
    assert page.is_checked('input[name="image-picture"][value="rings"]')
    assert page.input_value("#image-scale") == "normalize"
    assert page.inner_text("#image-scale-about").startswith("normalize:")
    wait_for_filter(page, "sample=rings&k=3&s=2&p=0&w=sobel_x&scale=normalize")
    assert page.inner_text("#image-output-caption") == "result 127×127, shown at 2×"
    assert page.locator("#image-output").bounding_box()["width"] == 254


def test_the_link_says_whether_the_section_is_open_and_on_which_sample(
    browser: Any, server: str
) -> None:
    rng = np.random.default_rng(5)
    picture = rng.integers(0, 256, size=(20, 20)).astype(np.uint8)
    with explaining_page(browser) as page:
        open_page(page, server, "op=conv&i=5&k=3&s=1&p=1&w=sobel_x")
        assert "image" not in link_params(page)
        page.click("#image-mode > summary")
        wait_for_link(page, "p.get('image') === 'shapes'")
        page.check('input[name="image-picture"][value="checkerboard"]')
        wait_for_link(page, "p.get('image') === 'checkerboard'")
        # An upload cannot travel in a link: the link keeps the last bundled picture.
        page.set_input_files(
            "#image-file",
            {"name": "mine.png", "mimeType": "image/png", "buffer": png_bytes(picture)},
        )
        page.wait_for_function(
            "document.getElementById('image-input-caption').textContent === 'input 20×20'"
        )
        page.click("#copy-link")
        page.wait_for_function("document.getElementById('share-status').textContent !== ''")
        assert link_params(page)["image"] == "checkerboard"
        page.click("#image-mode > summary")
        wait_for_link(page, "!p.has('image')")


@pytest.mark.parametrize(
    ("query", "menu", "refused", "kept"),
    [
        # Sobel x is 3×3, larger than the 2×2 input.
        ("op=conv&i=2&k=2&s=1&p=0", "#image-kernel", "sobel_x", ""),
        # Reflect padding must be smaller than the input.
        ("op=conv&i=2&k=2&s=1&p=2", "#image-padding-mode", "reflect", "zeros"),
    ],
)
def test_a_refused_change_puts_the_menu_back(
    page: Page, server: str, query: str, menu: str, refused: str, kept: str
) -> None:
    open_image_mode(page, server, query)
    page.select_option(menu, refused)
    page.wait_for_selector("#error:not([hidden])")
    assert page.inner_text("#error").endswith("The figure shows the last valid configuration.")
    # The menu says what the figure (and the picture) still show, not the value refused.
    assert page.input_value(menu) == kept
    assert figure_query(page) == query
