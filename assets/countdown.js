// Countdowns: every element with data-ends-at (ms since the epoch) shows the
// time left as m:ss. The server's clock (data-server-now) travels with every
// update, so a phone whose own clock is wrong still shows the right time.
// A paused one carries data-paused-left (ms) instead and does not tick.
(() => {
  const tick = () => {
    for (const el of document.querySelectorAll("[data-ends-at]")) {
      const serverNow = Number(el.dataset.serverNow || 0);
      if (el._serverNow !== serverNow) {
        el._serverNow = serverNow;
        el._offset = serverNow ? serverNow - Date.now() : 0;
      }
      const endsAt = Number(el.dataset.endsAt || 0);
      // A paused countdown (data-paused-left > 0) stands still at the time it had left.
      const paused = Number(el.dataset.pausedLeft || 0);
      const left = paused > 0 ? paused : Math.max(0, endsAt - (Date.now() + (el._offset || 0)));
      const seconds = Math.ceil(left / 1000);
      const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
      if (el.textContent !== text) el.textContent = text;
      el.toggleAttribute("data-done", seconds === 0);
    }
  };
  setInterval(tick, 250);
})();
