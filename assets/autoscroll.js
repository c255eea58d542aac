// The big screen's wall scrolls by itself when it holds more than fits, so the
// back of the room sees every idea without anyone touching the projector.
// With "reduce motion" it turns a page every 10 s instead of gliding.
(() => {
  const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  let pauseUntil = 0;
  const step = () => {
    const wall = document.querySelector("[data-autoscroll]");
    const now = Date.now();
    if (!wall || now < pauseUntil || wall.scrollHeight <= wall.clientHeight + 2) return;
    const atEnd = wall.scrollTop + wall.clientHeight >= wall.scrollHeight - 2;
    if (atEnd) {
      pauseUntil = now + 4000;
      setTimeout(() => { wall.scrollTop = 0; }, 3500);
    } else if (reduce) {
      wall.scrollTop += wall.clientHeight * 0.9;
      pauseUntil = now + 10000;
    } else {
      wall.scrollTop += 1;
    }
  };
  setInterval(step, reduce ? 1000 : 40);
})();
