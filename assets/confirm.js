// Confirmation steps (workshop/ui/components/confirm.py): a <details class="confirm-step">
// whose summary opens the question. Its Cancel button, or Escape while focus is inside it,
// closes the step and gives focus back to the summary that opened it. Nothing reaches the
// server: only the red "yes" button acts.
(() => {
  const close = (step) => {
    step.open = false;
    const summary = step.querySelector(":scope > summary");
    if (summary) summary.focus();
  };
  document.addEventListener("click", (event) => {
    const cancel = event.target instanceof Element && event.target.closest("[data-confirm-cancel]");
    const step = cancel && cancel.closest("details.confirm-step");
    if (step) close(step);
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
