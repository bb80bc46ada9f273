// The entity page's "Correct this entity" form: rename, set the type, merge into
// another entity, split an alias off, through POST /api/v1/entity-corrections, and
// withdraw one listed (the token and name are asked for by corrections.js). Without scripts the form
// stays hidden: the command line and the API do the same.
(function () {
  "use strict";

  var form = document.getElementById("entity-fix");
  var api = window.fogwatchCorrections;
  if (!form || !api) { return; }
  var section = document.getElementById("correct-entity");
  var status = document.getElementById("entity-fix-status");
  var hints = {
    rename: "the new name",
    type: "PERSON, ORG, GPE, LOC, NORP, WEAPON, FACILITY, UNIT, EVENT or OTHER",
    merge: "the key of the entity that stays (gaz:…, auto:…)",
    split: "one of its names, to become an entity of its own",
  };
  section.hidden = false;

  function hint() {
    form.elements.value.placeholder = hints[form.elements.action.value] || "";
  }
  form.elements.action.addEventListener("change", hint);
  hint();

  function say(text, error) {
    status.textContent = text;
    status.classList.toggle("error", Boolean(error));
  }

  // Withdrawing a correction listed on the page: a rename or a type is undone at
  // once; a merge or a split when its documents are analysed again.
  Array.prototype.forEach.call(document.querySelectorAll("button.withdraw-entity-fix"),
    function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        button.disabled = true;
        api.withdraw(button.dataset.id, "/api/v1/entity-corrections").then(function (done) {
          if (done.reanalyze && done.reanalyze.length) {
            say("Withdrawn; it is undone in its " + done.reanalyze.length +
                " documents when they are analysed again (fogwatch reanalyze).", false);
            return;
          }
          window.location.hash = "corrections";
          window.location.reload();
        }, function (err) {
          say(err.message, true);
          button.disabled = false;
        });
      });
    });

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var change = {
      action: form.elements.action.value,
      key: form.dataset.key,
      value: form.elements.value.value.trim(),
      note: form.elements.note.value.trim(),
    };
    if (!change.value) {
      say("Say what it should be: " + hints[change.action] + ".", true);
      return;
    }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    say("Saving…", false);
    api.sendEntity(change).then(function (made) {
      say("Saved (correction " + made.id + ", " + made.documents + " documents saved again); " +
          "loading the corrected page…", false);
      var key = made.action === "merge" ? made.target : made.key;
      var path = key.split("/").map(function (part) {
        return encodeURIComponent(part).replace(/%3A/gi, ":");  // as the server writes keys
      }).join("/");
      var there = "/entities/" + path;
      if (decodeURIComponent(window.location.pathname) === decodeURIComponent(there)) {
        window.location.hash = "corrections";
        window.location.reload();  // the same page: only a reload shows the change
      } else {
        window.location.assign(there + "#corrections");
      }
    }, function (err) {
      say(err.message, true);
    }).then(function () {
      button.disabled = false;
    });
  });
})();
