(function () {
  "use strict";
  var toggle = document.getElementById("flagged-only");
  if (!toggle) { return; }
  toggle.addEventListener("change", function () {
    document.body.classList.toggle("flagged-only", toggle.checked);
  });
})();
