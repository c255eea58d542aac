// Areas of the big screen that hold more than fits ([data-autoscroll]) scroll by
// themselves, each on its own, so the back of the room sees everything without
// anyone touching the projector. The top (a result's winner) stays in view for
// HOLD_TOP ms first, and again each time the area comes back to it. With "reduce
// motion" an area turns a page every 10 s instead of gliding.
// On each tick an area also says whether it holds more than it shows
// (data-overflowing="true"/"false") and whether it has reached its end
// (data-at-end): assets/screen.css fades the foot of one that continues.
(() => {
  const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const HOLD_TOP = 6000;
  const pauses = new WeakMap();
  const mark = (area, name, value) => {
    if (area.getAttribute(name) !== value) area.setAttribute(name, value);
  };
  const step = (area, now) => {
    const overflowing = area.scrollHeight > area.clientHeight + 2;
    mark(area, "data-overflowing", String(overflowing));
    if (!overflowing) return;
    const atEnd = area.scrollTop + area.clientHeight >= area.scrollHeight - 2;
    mark(area, "data-at-end", String(atEnd));
    if (!pauses.has(area)) {
      pauses.set(area, now + HOLD_TOP);
      return;
    }
    if (now < pauses.get(area)) return;
    if (atEnd) {
      pauses.set(area, now + 3500 + HOLD_TOP);
      setTimeout(() => { area.scrollTop = 0; }, 3500);
    } else if (reduce) {
      area.scrollTop += area.clientHeight * 0.9;
      pauses.set(area, now + 10000);
    } else {
      area.scrollTop += 1;
    }
  };
  setInterval(() => {
    const now = Date.now();
    for (const area of document.querySelectorAll("[data-autoscroll]")) step(area, now);
  }, reduce ? 1000 : 40);
})();
