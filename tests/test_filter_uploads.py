"""POST /api/filter: uploads are hostile until proven otherwise. Each bad upload gets its
4xx and a sentence, each limit admits exactly its number, nothing touches the disk, and the
server keeps answering while a picture is filtered."""

from __future__ import annotations

import io
import os
import struct
import tempfile
import threading
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
import starlette.formparsers
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from starlette.requests import Request

from app.core.limits import IMAGE_LIMITS
from app.web import filter as filter_module
from app.web import uploads
from app.web.multipart import boundary_of, form_field
from app.web.responses import Refused
from app.web.uploads import check_pixels, open_picture
from tests.conftest import LiveServer

BOUNDARY = "convarith-test-7MA4YWxkTrZu0gW"
MULTIPART = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}


def form(*parts: tuple[str, bytes], preamble: bytes = b"") -> bytes:
    """A multipart/form-data body written out by hand, so its bytes are exactly known."""
    body = preamble
    for name, content in parts:
        body += (
            (
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="picture.png"\r\nContent-Type: image/png\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    return body + f"--{BOUNDARY}--\r\n".encode()


def encoded(pixels: np.ndarray, kind: str = "PNG", **options: object) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, kind, **options)
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bilevel_png(width: int, height: int, pixels: bool = True) -> bytes:
    """A black 1-bit PNG of any size, its rows compressed as they are made (a 30,000-pixel
    square is 112 MB of rows and some 110 KB of file); without pixels, the header alone."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
    if pixels:
        packer, row = zlib.compressobj(9), bytes(1 + (width + 7) // 8)
        stream = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
        png += _chunk(b"IDAT", stream)
    return png + _chunk(b"IEND", b"")


def post(client: TestClient, body: bytes, query: str = "w=box_blur") -> httpx.Response:
    return client.post(f"/api/filter?{query}", content=body, headers=MULTIPART)


NOISE = np.random.default_rng(3).integers(0, 256, (40, 30)).astype(np.uint8)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    png = bilevel_png(30_000, 30_000)
    assert len(png) < 1_000_000
    return png


def _refused(r: httpx.Response, status: int, words: str) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert words in body["detail"]
    assert body["detail"].endswith(".")
    assert (body["parameter"], body["reason"]) == ("image", "invalid")


# --- a good upload ----------------------------------------------------------------------------


def test_an_upload_is_filtered_as_torch_filters_it(client: TestClient) -> None:
    torch = pytest.importorskip("torch")
    r = post(client, form(("image", encoded(NOISE))), "w=sobel_x&s=2&p=1&padding_mode=reflect")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "image/png"
    assert r.headers["cache-control"] == "no-store"
    assert "etag" not in r.headers
    x = torch.nn.functional.pad(torch.tensor(NOISE, dtype=torch.float64)[None, None],
                                (1, 1, 1, 1), mode="reflect")  # fmt: skip
    w = torch.tensor([[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=torch.float64)[None, None]
    want = np.clip(
        np.rint(np.abs(torch.nn.functional.conv2d(x, w, stride=2)[0, 0].numpy())), 0, 255
    )
    got = np.asarray(Image.open(io.BytesIO(r.content)))
    assert np.abs(got - want).max() <= 1
    assert (r.headers["x-input-size"], r.headers["x-output-size"]) == ("40x30", "20x15")
    assert r.headers["x-display-scale"] == "abs"
    assert "x-input-scaled" not in r.headers


def test_show_input_answers_the_picture_as_filtered(client: TestClient) -> None:
    colour = np.random.default_rng(4).integers(0, 256, (20, 24, 3)).astype(np.uint8)
    r = post(client, form(("image", encoded(colour))), "show=input")
    grey = np.asarray(Image.fromarray(colour).convert("L"))  # ITU-R 601-2 luma
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(r.content))), grey)


def test_a_large_upload_is_shrunk_and_says_so(client: TestClient) -> None:
    wide = np.random.default_rng(5).integers(0, 256, (600, 1200)).astype(np.uint8)
    r = post(client, form(("image", encoded(wide, "JPEG", quality=80))), "show=input")
    assert r.status_code == 200, r.text
    assert r.headers["x-input-size"] == "256x512"
    assert r.headers["x-input-scaled"] == "600x1200"
    assert Image.open(io.BytesIO(r.content)).size == (512, 256)


def test_a_jpeg_is_turned_upright_as_its_exif_says(client: TestClient) -> None:
    tall = np.zeros((30, 50), dtype=np.uint8)
    exif = Image.Exif()
    exif[0x0112] = 6  # stored on its side: shown turned a quarter clockwise
    r = post(client, form(("image", encoded(tall, "JPEG", exif=exif))), "show=input")
    assert r.headers["x-input-size"] == "50x30"


def test_a_16_bit_png_is_scaled_not_clipped(client: TestClient) -> None:
    deep = np.array([[0, 257 * 100, 65535]], dtype=np.uint16)
    r = post(client, form(("image", encoded(deep))), "show=input&k=1")
    assert np.asarray(Image.open(io.BytesIO(r.content))).tolist() == [[0, 100, 255]]


def test_other_fields_are_let_be(client: TestClient) -> None:
    r = post(client, form(("note", b"hello"), ("image", encoded(NOISE)), ("image", b"second")))
    assert r.status_code == 200, r.text


# --- bad uploads ------------------------------------------------------------------------------


def test_text_named_png_is_415(client: TestClient) -> None:
    _refused(post(client, form(("image", b"just some text, honest\n"))), 415, "not a PNG or JPEG")


def test_a_gif_is_415(client: TestClient) -> None:
    _refused(post(client, form(("image", encoded(NOISE, "GIF")))), 415, "not a PNG or JPEG")


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_a_truncated_png_is_a_sentence(client: TestClient, keep: float) -> None:
    png = encoded(np.random.default_rng(6).integers(0, 256, (200, 200)).astype(np.uint8))
    _refused(post(client, form(("image", png[: int(len(png) * keep)]))), 422, "truncated")


def test_a_damaged_header_is_415(client: TestClient) -> None:
    png = bytearray(encoded(NOISE))
    png[20:24] = b"\xff\xff\xff\xff"  # the IHDR's height and its CRC no longer agree
    _refused(post(client, form(("image", bytes(png)))), 415, "not a PNG or JPEG")


def test_a_decompression_bomb_is_refused_from_its_header(client: TestClient, bomb: bytes) -> None:
    _refused(post(client, form(("image", bomb))), 422, "too many pixels")


def test_no_image_field_is_422(client: TestClient) -> None:
    _refused(post(client, form(("picture", encoded(NOISE)))), 422, "multipart field image")


@pytest.mark.parametrize(
    "content_type",
    [None, "image/png", "application/x-www-form-urlencoded", "multipart/form-data",
     "multipart/mixed; boundary=x", "multipart/form-data; boundary=" + "b" * 71],
)  # fmt: skip
def test_anything_but_multipart_form_data_is_415(
    client: TestClient, content_type: str | None
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    r = client.post("/api/filter", content=encoded(NOISE), headers=headers)
    _refused(r, 415, "multipart/form-data")


def test_a_bad_link_is_refused_before_the_upload_is_read(client: TestClient) -> None:
    # Over the byte cap, yet the link's fault is what the answer names.
    body = form(("image", b"x" * (IMAGE_LIMITS.max_body + 1)))
    r = post(client, body, "w=box_blur&padding_mode=mirror")
    assert (r.status_code, r.json()["parameter"]) == (422, "padding_mode")
    r = post(client, body, "sample=shapes")
    assert (r.status_code, r.json()["parameter"]) == (422, "sample")


def test_a_filter_past_the_limits_on_the_upload_is_422(client: TestClient) -> None:
    r = post(client, form(("image", encoded(NOISE))), "w=box_blur&k=31")
    assert (r.status_code, r.json()["parameter"]) == (422, "k")
    assert "larger than the padded input" in r.json()["detail"]


# --- the limits, both sides -------------------------------------------------------------------


def _exactly(size: int) -> bytes:
    """A good upload padded to ``size`` bytes with a preamble (which parsers ignore)."""
    bare = form(("image", encoded(NOISE)))
    return form(("image", encoded(NOISE)), preamble=b"p" * (size - len(bare) - 2) + b"\r\n")


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_the_byte_cap_admits_exactly_its_number(client: TestClient, chunked: bool) -> None:
    cap = IMAGE_LIMITS.max_body
    for size, status in ((cap, 200), (cap + 1, 413)):
        body = _exactly(size)
        assert len(body) == size
        # An iterator has no length: the body goes chunked and is counted as it arrives.
        content = iter([body[i : i + 65536] for i in range(0, size, 65536)]) if chunked else body
        r = client.post("/api/filter?w=box_blur", content=content, headers=MULTIPART)
        assert r.status_code == status, r.text
        if status == 413:
            _refused(r, 413, f"over {cap:,} bytes")


def test_a_declared_length_over_the_cap_is_refused_unread(client: TestClient) -> None:
    def body() -> Iterator[bytes]:
        raise AssertionError("the body was read")
        yield b""  # pragma: no cover

    headers = MULTIPART | {"Content-Length": str(IMAGE_LIMITS.max_body + 1)}
    r = client.post("/api/filter", content=body(), headers=headers)
    _refused(r, 413, "over")


def test_the_pixel_limit_admits_exactly_its_number() -> None:
    check_pixels(5_000, 5_000)
    assert IMAGE_LIMITS.max_pixels == 5_000 * 5_000
    with pytest.raises(Refused, match="too many pixels") as refused:
        check_pixels(5_000, 5_001)
    assert refused.value.status == 422


@pytest.mark.parametrize(("width", "height", "admitted"), [(5_000, 5_000, True),
                                                           (5_001, 5_000, False),
                                                           (25_000_000, 1, True),
                                                           (1, 25_000_001, False)])  # fmt: skip
def test_the_pixel_limit_is_read_from_a_header_alone(
    width: int, height: int, admitted: bool
) -> None:
    header = bilevel_png(width, height, pixels=False)  # no pixel data at all
    if admitted:
        assert open_picture(header).size == (width, height)
    else:
        with pytest.raises(Refused, match="too many pixels"):
            open_picture(header)


# --- never on disk ----------------------------------------------------------------------------


def test_uploads_never_touch_the_disk(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A temporary directory of the test's own: the machine's /tmp changes under other work.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("TMPDIR", str(tmp_path))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an upload reached a temporary file")

    for name in ("SpooledTemporaryFile", "TemporaryFile", "NamedTemporaryFile", "mkstemp",
                 "mkdtemp"):  # fmt: skip
        monkeypatch.setattr(tempfile, name, refuse)
    monkeypatch.setattr(starlette.formparsers, "SpooledTemporaryFile", refuse)
    monkeypatch.setattr(Request, "form", refuse)
    before = set(os.listdir(tempfile.gettempdir()))
    big = np.random.default_rng(8).integers(0, 256, (1200, 1200)).astype(np.uint8)
    body = form(("image", encoded(big)))
    assert len(body) > 1024 * 1024  # past Starlette's spooling threshold
    for query in ("w=box_blur", "w=sobel_y&show=input"):
        assert post(client, body, query).status_code == 200
    assert post(client, form(("image", b"not a picture"))).status_code == 415
    assert set(os.listdir(tempfile.gettempdir())) == before


# --- the multipart reader ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "boundary"),
    [
        ("multipart/form-data; boundary=abc", b"abc"),
        ('Multipart/Form-Data; charset=utf-8; boundary="a b:c"', b"a b:c"),
        ("multipart/form-data; boundary=" + "z" * 70, b"z" * 70),
        ("multipart/form-data", None),
        ("multipart/form-data; boundary=", None),
        ("multipart/form-data; boundary=é", None),
        ("text/plain; boundary=abc", None),
    ],
)
def test_boundary_of(content_type: str, boundary: bytes | None) -> None:
    assert boundary_of(content_type) == boundary


def test_form_field_reads_quoted_names_and_keeps_every_byte() -> None:
    data = bytes(range(256)) + b"\r\n--not-the-boundary\r\n\r\n"
    body = (
        b'preamble\r\n--B\r\nContent-Disposition: form-data; name="other"\r\n\r\nx\r\n'
        b'--B \t\r\ncontent-disposition: form-data; filename="a;b.png"; name="image"\r\n'
        b"\r\n" + data + b"\r\n--B--\r\nepilogue --B\r\n"
    )
    assert form_field(body, b"B", "image") == data
    assert form_field(body, b"B", "other") == b"x"
    assert form_field(body, b"B", "imag") is None
    assert form_field(body.replace(b"form-data;", b"attachment;"), b"B", "image") is None


@given(st.binary(max_size=300), st.sampled_from([b"B", b"--", b"\r\n"]))
@settings(max_examples=300, deadline=None)
def test_form_field_takes_any_bytes(body: bytes, boundary: bytes) -> None:
    found = form_field(body, boundary, "image")
    assert found is None or found in body


# --- the event loop stays free ----------------------------------------------------------------


def test_healthz_answers_while_an_upload_is_being_filtered(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The filter is held mid-run until /healthz has answered: were it on the event loop,
    the check could not be served and would time out. Events, not timings, so a busy
    machine cannot make it pass or fail."""
    filtering = threading.Event()
    release = threading.Event()
    real = filter_module.filter_image

    def held(*args: Any, **kwargs: Any) -> Any:
        filtering.set()
        assert release.wait(timeout=30), "the test never released the filter"
        return real(*args, **kwargs)

    monkeypatch.setattr(filter_module, "filter_image", held)
    answers: list[int] = []
    noise = np.random.default_rng(9).integers(0, 256, (512, 512)).astype(np.uint8)
    upload = threading.Thread(
        target=lambda: answers.append(post(client, form(("image", encoded(noise)))).status_code)
    )
    upload.start()
    try:
        assert filtering.wait(timeout=30)
        checked: list[int] = []
        check = threading.Thread(target=lambda: checked.append(client.get("/healthz").status_code))
        check.start()
        check.join(timeout=10)
        assert checked == [200], "/healthz did not answer while the filter ran"
        assert answers == []  # the upload is still being filtered
    finally:
        release.set()
        upload.join(timeout=30)
    assert answers == [200]


def test_the_live_server_answers_healthz_between_uploads(live_server: LiveServer) -> None:
    # The largest work the limits allow (512×512 output × 31×31 taps), end to end.
    noise = np.random.default_rng(9).integers(0, 256, (512, 512)).astype(np.uint8)
    body = form(("image", encoded(noise)))
    url = f"{live_server.base_url}/api/filter?w=box_blur&k=31&p=same&padding_mode=reflect"
    done = threading.Event()
    statuses: list[int] = []

    def upload() -> None:
        with httpx.Client(timeout=60) as http:
            statuses.extend(
                http.post(url, content=body, headers=MULTIPART).status_code for _ in range(3)
            )
        done.set()

    worker = threading.Thread(target=upload)
    checks = 0
    with httpx.Client(base_url=live_server.base_url, timeout=60) as http:
        worker.start()
        while not done.is_set():
            assert http.get("/healthz").status_code == 200
            checks += 1
    worker.join()
    assert statuses == [200] * 3
    assert checks >= 3


def test_decoding_waits_its_turn_and_a_long_wait_is_503(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every decoding slot taken an upload waits, then is told to retry; a slot
    freed in time lets it through."""
    monkeypatch.setattr(uploads, "IMAGE_LIMITS", replace(uploads.IMAGE_LIMITS, queue_seconds=0.2))
    slots = threading.BoundedSemaphore(1)
    monkeypatch.setattr(uploads, "DECODING", slots)
    slots.acquire()
    refused = post(client, form(("image", encoded(NOISE))))
    assert refused.status_code == 503
    assert "again in a few seconds" in refused.json()["detail"]
    threading.Timer(0.05, slots.release).start()
    assert post(client, form(("image", encoded(NOISE)))).status_code == 200
    # The slot is given back after each decode, refused or not.
    assert slots.acquire(blocking=False)
    slots.release()


def test_a_png_whose_metadata_inflates_too_far_is_a_sentence(client: TestClient) -> None:
    """A real PNG with a compressed text chunk of 50 MB once inflated: Pillow refuses the
    chunk (its own limit), and the answer says what to do rather than 'not a PNG'."""
    text = zlib.compress(b"a" * 50_000_000, 9)
    png = encoded(NOISE)
    chunk = _chunk(b"zTXt", b"Comment\x00\x00" + text)
    body = png[:33] + chunk + png[33:]  # after the signature and IHDR
    response = post(client, form(("image", body)))
    assert response.status_code == 422
    assert "metadata" in response.json()["detail"]
