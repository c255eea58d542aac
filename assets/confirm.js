// Confirmation steps (workshop/ui/components/confirm.py): a <details class="confirm-step">
// whose summary opens the question. Its Cancel button, or Escape while focus is inside it,
// closes the step and gives focus back to the summary that opened it. Nothing reaches the
// server: only the red "yes" button acts, and the step closes after it.
(() => {
  const close = (step) => {
    step.open = false;
    const summary = step.querySelector(":scope > summary");
    if (summary) summary.focus();
  };
  document.addEventListener("click", (event) => {
    if (!(event.target instanceof Element)) return;
    const cancel = event.target.closest("[data-confirm-cancel]");
    const step = cancel && cancel.closest("details.confirm-step");
    if (step) close(step);
    // The red "yes" has done its work (the page's own handler ran first): the step closes,
    // so a second tap cannot repeat it (a new link made twice voids the one just shown).
    const yes = event.target.closest(".confirm-actions .button--danger");
    const done = yes && yes.closest("details.confirm-step");
    if (done) close(done);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !(event.target instanceof Element)) return;
    const step = event.target.closest("details.confirm-step[open]");
    if (step) {
      event.preventDefault();
      close(step);
    }
  });
})();
