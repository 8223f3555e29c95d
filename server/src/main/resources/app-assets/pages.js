// The campaign and settings pages' script: only what htmx does not do by itself (no inline script exists).
(function () {
  "use strict";

  // A drip campaign's form: a step can be taken out again before the campaign is made.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-remove-step]");
    if (button) {
      var step = button.closest(".step");
      if (step) {
        step.remove();
      }
    }
  });

  // A token shown once: copy it with one click.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (button && navigator.clipboard) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (source) {
        navigator.clipboard.writeText(source.textContent.trim());
      }
    }
  });
})();
