import assert from "node:assert/strict";
import { test } from "node:test";

import { iframeCode } from "../../static/js/iframe.js";

test("the embed code escapes its attributes", () => {
  assert.equal(
    iframeCode("https://x.org/embed?op=conv&i=5&step=3", 'A "conv" <figure>'),
    '<iframe src="https://x.org/embed?op=conv&amp;i=5&amp;step=3" width="720" height="520" ' +
      'title="A &quot;conv&quot; &lt;figure>" loading="lazy" style="border:0"></iframe>',
  );
});
