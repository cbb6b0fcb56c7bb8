/** Satisfaction rating (1–5 stars as a radio group) and an optional comment of at most 512 characters. */
import type { CustomerChat } from "../../../realtime/customer-chat";
import type { Texts } from "../../i18n";
import { h, show } from "../../view/dom";

const MAX_COMMENT = 512;

export function evaluationForm(t: Texts, chat: () => CustomerChat, done: () => void) {
  let rating = 0;
  const error = h("span", { class: "error", role: "alert" });
  const left = h("span", { class: "hint", id: "ec-left" });
  const comment = h("textarea", { id: "ec-comment", maxlength: MAX_COMMENT, "aria-describedby": "ec-left" });
  const inputs: HTMLInputElement[] = [];
  const stars = [1, 2, 3, 4, 5].map((n) => {
    const input = h("input", { type: "radio", name: "ec-rating", value: n });
    inputs.push(input);
    input.addEventListener("change", () => {
      rating = n;
      paint();
    });
    return h(
      "label",
      { class: "star" },
      input,
      h("span", { "aria-hidden": "true" }, "★"),
      h("span", { class: "sr" }, t.star(n)),
    );
  });
  const paint = () => {
    stars.forEach((s, i) => {
      s.classList.toggle("on", i < rating);
      inputs[i]!.checked = i + 1 === rating;
    });
    left.textContent = t.charsLeft(MAX_COMMENT - comment.value.length);
    show(error, "");
  };
  comment.addEventListener(
    "input",
    () => (left.textContent = t.charsLeft(MAX_COMMENT - comment.value.length)),
  );
  const el = h(
    "form",
    {
      class: "panel",
      "aria-labelledby": "ec-eval-title",
      onsubmit: (e: Event) => {
        e.preventDefault();
        if (rating < 1 || rating > 5) return show(error, t.chooseRating);
        if (chat().evaluate(rating, comment.value.slice(0, MAX_COMMENT))) done();
        else show(error, t.reconnecting);
      },
      onkeydown: (e: Event) => {
        if ((e as KeyboardEvent).key === "Escape") {
          e.stopPropagation();
          done();
        }
      },
    },
    h("h3", { id: "ec-eval-title" }, t.evaluationTitle),
    h("fieldset", null, h("legend", null, t.rating), ...stars),
    h("label", { for: "ec-comment" }, t.comment),
    comment,
    left,
    error,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "primary" }, t.confirm),
      h("button", { type: "button", onclick: done }, t.cancel),
    ),
  );
  /** Prefills with the last evaluation (the one that counts). */
  const reset = () => {
    const last = chat().evaluation;
    rating = last?.rating ?? 0;
    comment.value = last?.comment ?? "";
    paint();
  };
  return { el, reset, focus: () => inputs[Math.max(0, rating - 1)]!.focus() };
}
