// The claim page's "Correct this claim" form: set a source's stance, move a source
// into another claim, split sources off, merge the claim into another, through
// POST /api/v1/claim-corrections; and withdrawing a correction shown on the page
// (the token and name are asked for by corrections.js). Without scripts the form
// stays hidden: the command line and the API do the same.
(function () {
  "use strict";

  var form = document.getElementById("claim-fix");
  var api = window.fogwatchCorrections;
  if (!form || !api) { return; }
  var section = document.getElementById("correct-claim");
  var status = document.getElementById("claim-fix-status");
  section.hidden = false;

  function say(text, error) {
    status.textContent = text;
    status.classList.toggle("error", Boolean(error));
  }

  // "p-abc", "/claims/p-abc" or a whole address: the claim's id
  function claimId(given) {
    var text = given.trim().split("#")[0].split("?")[0].replace(/\/+$/, "");
    var at = text.lastIndexOf("/");
    return decodeURIComponent(at >= 0 ? text.slice(at + 1) : text);
  }

  // only the fields the chosen action takes (the labels are flex boxes: hidden by style)
  function show(input, on) {
    input.parentNode.style.display = on ? "" : "none";
  }
  function shown() {
    var action = form.elements.action.value;
    show(form.elements.stance, action === "stance");
    show(form.elements.into, action === "move" || action === "merge");
    show(form.elements.members, action !== "merge");
  }
  form.elements.action.addEventListener("change", shown);
  shown();

  function reload() {
    window.location.hash = "claim-corrections";
    window.location.reload();
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var action = form.elements.action.value;
    var members = Array.prototype.filter.call(form.elements.members.options, function (o) {
      return o.selected;
    }).map(function (o) { return o.value; });
    var change = {
      action: action,
      proposition: form.dataset.proposition,
      members: action === "merge" ? [] : members,
      note: form.elements.note.value.trim(),
    };
    if (action === "stance") { change.stance = form.elements.stance.value; }
    if (action === "move" || action === "merge") {
      change.into = claimId(form.elements.into.value);
      if (!change.into) { say("Say which claim it goes into (its id or address).", true); return; }
    }
    if (action !== "merge" && !members.length) { say("Choose the source it is about.", true); return; }
    if ((action === "stance" || action === "move") && members.length > 1) {
      say("Choose one source: " + action + " takes one at a time.", true);
      return;
    }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    say("Saving…", false);
    api.sendClaim(change).then(function (made) {
      say("Saved (correction " + made.id + "); loading the corrected claim…", false);
      var there = made.proposition_id ? "/claims/" + encodeURIComponent(made.proposition_id) : "";
      if (there && decodeURIComponent(window.location.pathname) !== decodeURIComponent(there)) {
        window.location.assign(there + "#claim-corrections");
      } else {
        reload();
      }
    }, function (err) {
      say(err.message, true);
    }).then(function () {
      button.disabled = false;
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("button.withdraw-claim-fix"),
    function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        button.disabled = true;
        api.withdraw(button.dataset.id, "/api/v1/claim-corrections").then(reload, function (err) {
          say(err.message, true);
          button.disabled = false;
        });
      });
    });
})();
