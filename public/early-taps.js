/*
 * Runs first of all (index.html loads it ahead of everything, a small parser-blocking script): the
 * welcome screen is drawn into index.html at build time and can be on screen before the app has
 * taken it over. A touch on a language (or on "Touch to hear") in that moment is noted here;
 * src/kiosk/early-taps.ts stops this listener once the app is up and taps the same control again
 * (hydration keeps the drawn elements). Plain script, no build step: it must not wait for the app.
 */
(function () {
  'use strict';
  var noted = null;
  function listen(event) {
    var control = event.target instanceof Element ? event.target.closest('button[data-language], [data-action="touch-to-hear"]') : null;
    if (control) noted = control;
  }
  document.addEventListener('click', listen, true);
  window.kioskEarlyTaps = {
    /** Stops noting touches; returns the control last touched, or null. */
    take: function () {
      document.removeEventListener('click', listen, true);
      var last = noted;
      noted = null;
      return last;
    },
  };
  // From now on a touch on the welcome screen is acted on (the benchmark reads this mark).
  performance.mark('kiosk:taps-heard');
})();
