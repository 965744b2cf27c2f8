// Autosave state for a section form. htmx posts the form while the user types; this file
// only tells the user where things stand, and warns before leaving with unsaved input.
(function () {
  "use strict";
  var form = document.getElementById("section-form");
  var status = document.getElementById("save-status");
  if (!form || !status) { return; }
  var dirty = false;

  function show(text, kind) {
    status.innerHTML = "";
    var line = document.createElement("p");
    line.className = "save-state save-" + kind;
    line.textContent = text;
    status.appendChild(line);
  }

  if (!status.textContent.trim()) { show(status.dataset.autosaveText, "busy"); }

  form.addEventListener("input", function () {
    if (!dirty) { show("Wijzigingen nog niet opgeslagen…", "unsaved"); }
    dirty = true;
  });
  form.addEventListener("htmx:beforeRequest", function () { dirty = false; });
  form.addEventListener("htmx:afterRequest", function (event) {
    if (!event.detail.successful) { dirty = true; return; }
    if (status.querySelector(".save-error, .conflict")) { dirty = true; return; }
    // Input typed while this save was under way is not in it: the server's "saved" would
    // be untrue until the next save, which htmx has queued, has answered.
    if (dirty) { show("Wijzigingen nog niet opgeslagen…", "unsaved"); }
  });
  form.addEventListener("htmx:sendError", function () {
    show("Niet opgeslagen: geen verbinding met de server. Uw invoer staat nog in het " +
      "formulier; het wordt opnieuw geprobeerd bij uw volgende wijziging, of klik op Opslaan.",
      "error");
  });
  form.addEventListener("htmx:responseError", function () {
    show("Niet opgeslagen: de server gaf een fout. Uw invoer staat nog in het formulier; " +
      "klik op Opslaan om het opnieuw te proberen.", "error");
  });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
})();
