// Every URL the page makes, written out by hand.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  apiUrl, embedUrl, imageQuery, languageUrl, pageQuery, pageUrl, pictureLinks, pictureName, pictureUrl, presetOf,
  qrUrl, separableUrl, showsFigure, studentLink,
} from "../../static/js/urls.js";

const QUERY = "op=conv&i=5&k=3&s=2&p=1";
const TRANSPOSE = "op=transpose&i=2&k=3&s=1&p=0";

test("the page link: the engine's query, then numbers, view, step and lang", () => {
  assert.equal(pageUrl("/", QUERY), "/?op=conv&i=5&k=3&s=2&p=1");
  assert.equal(pageUrl("/", QUERY, { step: 0 }), "/?op=conv&i=5&k=3&s=2&p=1&step=0");
  assert.equal(pageUrl("/", QUERY, { numbers: true, step: 4 }),
    "/?op=conv&i=5&k=3&s=2&p=1&numbers=1&step=4");
  assert.equal(pageUrl("/", TRANSPOSE, { numbers: true, view: "scatter", step: 2, lang: "ko" }),
    "/?op=transpose&i=2&k=3&s=1&p=0&numbers=1&view=scatter&step=2&lang=ko");
  assert.equal(pageUrl("/", QUERY, { view: "direct", lang: "" }), "/?op=conv&i=5&k=3&s=2&p=1");
});

test("image mode: the sample opens it, then the scale unless auto and the zoom unless 1", () => {
  assert.equal(imageQuery({ sample: "rings" }), "&image=rings");
  assert.equal(imageQuery({ sample: "rings", scale: "auto", zoom: "1" }), "&image=rings");
  assert.equal(imageQuery({ sample: "shapes", scale: "abs", zoom: "2" }),
    "&image=shapes&image_scale=abs&image_zoom=2");
  // Closed (or an upload never chosen from a sample): nothing, whatever the menus say.
  assert.equal(imageQuery({ sample: null, scale: "abs", zoom: 4 }), "");
  assert.equal(imageQuery(), "");
  // After the step, before the language.
  assert.equal(pageUrl("/", QUERY, { step: 2, lang: "ko", image: { sample: "rings", zoom: 3 } }),
    "/?op=conv&i=5&k=3&s=2&p=1&step=2&image=rings&image_zoom=3&lang=ko");
});

test("a language is encoded", () => {
  assert.equal(pageQuery(QUERY, { lang: "a&b=c" }), "op=conv&i=5&k=3&s=2&p=1&lang=a%26b%3Dc");
});

test("the embed URL keeps numbers, view and step (and a language: see the shared cases)", () => {
  assert.equal(embedUrl("http://127.0.0.1:8000", QUERY, { step: 3 }),
    "http://127.0.0.1:8000/embed?op=conv&i=5&k=3&s=2&p=1&step=3");
  assert.equal(embedUrl("https://x.org", TRANSPOSE, { numbers: true, view: "scatter", step: null }),
    "https://x.org/embed?op=transpose&i=2&k=3&s=1&p=0&numbers=1&view=scatter");
});

test("picture URLs: numbers, then the scale unless 20, then the step", () => {
  assert.equal(pictureUrl("animation.gif", QUERY), "/render/animation.gif?op=conv&i=5&k=3&s=2&p=1");
  assert.equal(pictureUrl("frame.png", QUERY, { step: 2 }), "/render/frame.png?op=conv&i=5&k=3&s=2&p=1&step=2");
  assert.equal(pictureUrl("frame.png", QUERY, { numbers: true, scale: "20", step: 1 }),
    "/render/frame.png?op=conv&i=5&k=3&s=2&p=1&numbers=1&step=1");
  assert.equal(pictureUrl("frame.svg", QUERY, { numbers: true, scale: "48", step: 0 }),
    "/render/frame.svg?op=conv&i=5&k=3&s=2&p=1&numbers=1&scale=48&step=0");
  assert.equal(pictureUrl("animation.gif", QUERY, { scale: 96 }),
    "/render/animation.gif?op=conv&i=5&k=3&s=2&p=1&scale=96");
});

test("download names say which figure they are", () => {
  assert.equal(pictureName(QUERY, { step: 2 }, "png"), "convarith-conv-i5-k3-s2-p1-step2.png");
  assert.equal(pictureName(QUERY, {}, "gif"), "convarith-conv-i5-k3-s2-p1.gif");
  assert.equal(pictureName("op=maxpool&i=5,7&k=3&s=2&p=same&ceil=1", { step: 0 }, "svg"),
    "convarith-maxpool-i5x7-k3-s2-psame-ceil1-step0.svg");
  assert.equal(pictureName(QUERY, { numbers: true, step: 1 }, "png"),
    "convarith-conv-i5-k3-s2-p1-numbers1-step1.png");
});

test("the three download links", () => {
  assert.deepEqual(pictureLinks(QUERY, { scale: "48", step: 2 }), {
    gif: { href: "/render/animation.gif?op=conv&i=5&k=3&s=2&p=1&scale=48",
      download: "convarith-conv-i5-k3-s2-p1.gif" },
    png: { href: "/render/frame.png?op=conv&i=5&k=3&s=2&p=1&scale=48&step=2",
      download: "convarith-conv-i5-k3-s2-p1-step2.png" },
    svg: { href: "/render/frame.svg?op=conv&i=5&k=3&s=2&p=1&scale=48&step=2",
      download: "convarith-conv-i5-k3-s2-p1-step2.svg" },
  });
});

test("engine requests: the figure's answers in the compact form", () => {
  assert.equal(apiUrl("frames", QUERY), "/api/frames?op=conv&i=5&k=3&s=2&p=1&form=compact");
  assert.equal(apiUrl("scatter", TRANSPOSE), "/api/scatter?op=transpose&i=2&k=3&s=1&p=0&form=compact");
  assert.equal(apiUrl("ranges", QUERY), "/api/ranges?op=conv&i=5&k=3&s=2&p=1");
  assert.equal(apiUrl("arithmetic", QUERY, "ko"), "/api/arithmetic?op=conv&i=5&k=3&s=2&p=1&lang=ko");
  assert.equal(apiUrl("frames", QUERY, "ko"), "/api/frames?op=conv&i=5&k=3&s=2&p=1&lang=ko&form=compact");
  assert.equal(apiUrl("frames", QUERY, null), "/api/frames?op=conv&i=5&k=3&s=2&p=1&form=compact");
});

test("a preset's link: its query, and whether it shows numbers", () => {
  assert.deepEqual(presetOf("http://h/?op=conv&i=5&k=3&s=2&p=1&numbers=1"),
    { query: QUERY, numbers: true });
  assert.deepEqual(presetOf("http://h/?op=avgpool&i=5&k=3&s=1&p=0"),
    { query: "op=avgpool&i=5&k=3&s=1&p=0", numbers: false });
});

test("the preset on screen is the one with the same query and numbers", () => {
  assert.equal(showsFigure("http://h/?op=conv&i=5&k=3&s=2&p=1&numbers=1", QUERY, true), true);
  assert.equal(showsFigure("http://h/?op=conv&i=5&k=3&s=2&p=1&numbers=1", QUERY, false), false);
  assert.equal(showsFigure("http://h/?op=conv&i=5&k=3&s=2&p=1", QUERY, false), true);
});

// The same table app/web/urls.py is held to (tests/test_urls.py).
const SHARED = JSON.parse(readFileSync(new URL("../cases/urls.json", import.meta.url), "utf-8"));

test("the server's link cases", () => {
  for (const { query, settings, page, embed, gif, png } of SHARED.links) {
    const {
      numbers = false, view = "direct", step = null, lang = null, scale = 20, image = null,
      present = false, matrix = false, overlap = false,
    } = settings;
    const all = { numbers, view, step, image, matrix, overlap, lang, present };
    assert.equal(pageUrl("/", query, all), page);
    assert.equal(embedUrl("", query, all), embed);
    assert.equal(pictureUrl("animation.gif", query, { numbers, scale, lang }), gif);
    assert.equal(pictureUrl("frame.png", query, { numbers, scale, step: step ?? 0, lang }), png);
  }
});

test("the planner's link for a separable replacement, as the server writes it", () => {
  for (const { params, network } of SHARED.separable) {
    assert.equal(separableUrl(params), network);
  }
});

test("the language switch: the same link, only lang changed (the server's cases)", () => {
  for (const { path, query, lang, url } of SHARED.language_switch) {
    assert.equal(languageUrl(path, query ? `?${query}` : "", lang), url);
  }
});

test("the QR code's address carries the whole link, encoded", () => {
  const link = "http://192.168.1.20:8000/?op=conv&i=5&k=3&s=2&p=1&x=1,2;3,4&lang=ko";
  const url = qrUrl(link);
  assert.ok(url.startsWith("/qr.svg?url="));
  assert.equal(new URLSearchParams(url.split("?")[1]).get("url"), link);
  assert.ok(!url.slice("/qr.svg?url=".length).includes("&"));
});

test("students' link: the figure without presentation mode, written as it was", () => {
  const base = "http://192.168.1.20:8000/";
  assert.equal(studentLink(`${base}?op=conv&i=5&x=1,2;3,4&present=1`), `${base}?op=conv&i=5&x=1,2;3,4`);
  assert.equal(studentLink(`${base}?present=1&op=conv&lang=ko`), `${base}?op=conv&lang=ko`);
  assert.equal(studentLink(`${base}?present=1`), base);
  assert.equal(studentLink(`${base}?op=conv&presenter=x`), `${base}?op=conv&presenter=x`);
  assert.equal(studentLink(base), base);
});
