// The practice page: asks the set's questions one at a time or all listed, checks each
// answer against the accepted ones the engine sent (practice_logic.js), shows the worked
// solution and the figure when an answer is wrong, and sums up at the end. Nothing is sent
// back to the server.
import { startLanguageSwitch } from "./language.js";
import { t } from "./messages.js";
import { isRight, readAnswer, summarize } from "./practice_logic.js";

const state = JSON.parse(document.getElementById("initial-state").textContent);
const $ = (id) => document.getElementById(id);
const questions = new Map(state.questions.map((q) => [q.number, q]));
const numbers = state.questions.map((q) => q.number);
const results = new Map();
let mode = "one";
let current = numbers[0];

function item(number) {
  return $(`q${number}`);
}

function showSolution(number) {
  const solution = $(`solution-${number}`);
  solution.hidden = false;
  const figure = solution.querySelector("iframe[data-src]");
  if (figure && !figure.src) figure.src = figure.dataset.src;
}

function check(number) {
  const q = questions.get(number);
  const input = $(`answer-${number}`);
  const feedback = $(`feedback-${number}`);
  const value = readAnswer(input.value);
  if (value === null) {
    feedback.textContent = t("practice.not_a_number");
    feedback.className = "feedback unread";
    input.focus();
    return;
  }
  // The first answer counts; the learner may look again but not change the score.
  const right = isRight(value, q.check);
  if (!results.has(number)) results.set(number, right);
  input.readOnly = true;
  $(`check-${number}`).hidden = true;
  if (right) {
    feedback.textContent = t("practice.right", { answer: value });
    feedback.className = "feedback right";
  } else {
    feedback.textContent = t("practice.wrong", { answer: q.check.accepted.join(", ") });
    feedback.className = "feedback wrong";
    showSolution(number);
  }
  item(number).classList.add(right ? "is-right" : "is-wrong");
  const next = $(`next-${number}`);
  if (mode === "one") {
    next.hidden = false;
    next.focus();
  } else {
    updateFinish();
  }
}

function show(number) {
  current = number;
  for (const n of numbers) item(n).hidden = mode === "one" && n !== number;
}

function goNext(number) {
  const index = numbers.indexOf(number);
  if (index === numbers.length - 1) {
    finish();
    return;
  }
  show(numbers[index + 1]);
  $(`answer-${numbers[index + 1]}`).focus();
}

function updateFinish() {
  $("finish").hidden = mode !== "all";
}

function finish() {
  const { right, total, review } = summarize(numbers, results);
  $("score").textContent = t("practice.score", { right, total });
  const list = $("review");
  list.replaceChildren();
  for (const n of review) {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = `#q${n}`;
    link.textContent = t(results.has(n) ? "practice.review_wrong" : "practice.review_unanswered", {
      number: n,
    });
    link.addEventListener("click", (event) => {
      event.preventDefault();
      setMode("all");
      showSolution(n);
      item(n).scrollIntoView();
      $(`answer-${n}`).focus();
    });
    li.append(link);
    list.append(li);
  }
  if (review.length === 0) {
    const li = document.createElement("li");
    li.textContent = t("practice.review_none");
    list.append(li);
  }
  $("summary").hidden = false;
  $("summary-title").focus();
}

function setMode(chosen) {
  mode = chosen;
  $(chosen === "one" ? "mode-one" : "mode-all").checked = true;
  for (const n of numbers) {
    const next = $(`next-${n}`);
    next.hidden = chosen !== "one" || !results.has(n);
  }
  show(current);
  updateFinish();
}

for (const form of document.querySelectorAll(".answer-form")) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    check(Number(form.dataset.number));
  });
}
for (const n of numbers) $(`next-${n}`).addEventListener("click", () => goNext(n));
$("finish").addEventListener("click", finish);
for (const radio of document.querySelectorAll('input[name="mode"]')) {
  radio.addEventListener("change", () => setMode(radio.value));
}
setMode("one");
startLanguageSwitch();
document.documentElement.dataset.ready = "true";
