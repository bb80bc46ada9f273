// Corrections from the browser: confirm, reject or fix a finding through
// POST /api/v1/corrections, or add one through POST /api/v1/corrections/add. The server's write token and the analyst's name are
// asked for once, in a small form, and kept in this tab's sessionStorage: never
// in the page's HTML, never sent anywhere but to this server's API.
(function () {
  "use strict";

  var TOKEN = "fogwatch-token";
  var AUTHOR = "fogwatch-author";

  function stored(key) {
    try { return window.sessionStorage.getItem(key) || ""; } catch (e) { return ""; }
  }
  function keep(key, value) {
    try { window.sessionStorage.setItem(key, value); } catch (e) { /* private mode: ask again */ }
  }
  function forget(key) {
    try { window.sessionStorage.removeItem(key); } catch (e) { /* nothing kept */ }
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function field(label, name, type, value) {
    var wrap = el("label", null, label + " ");
    var input = el("input");
    input.type = type;
    input.name = name;
    input.autocomplete = "off";
    input.value = value || "";
    wrap.appendChild(input);
    return wrap;
  }

  // The token and name form; resolves with {token, author}, or null when cancelled.
  function ask(message) {
    return new Promise(function (resolve) {
      var old = document.getElementById("credentials");
      if (old) { old.remove(); }
      var form = el("form", "credentials");
      form.id = "credentials";
      form.setAttribute("role", "dialog");
      form.setAttribute("aria-label", "Sign your corrections");
      form.appendChild(el("p", "small", message ||
        "Corrections need this server's write token and your name. Both are kept in this tab only."));
      form.appendChild(field("Token", "token", "password", ""));
      form.appendChild(field("Your name", "author", "text", stored(AUTHOR)));
      var problem = el("p", "credentials-error small");
      form.appendChild(problem);
      var save = el("button", null, "Save");
      save.type = "submit";
      var cancel = el("button", null, "Cancel");
      cancel.type = "button";
      form.appendChild(save);
      form.appendChild(cancel);

      function done(value) {
        form.remove();
        resolve(value);
      }
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var token = form.elements.token.value.trim();
        var author = form.elements.author.value.trim();
        if (!token || !author) {
          problem.textContent = "Both the token and your name are needed.";
          return;
        }
        keep(TOKEN, token);
        keep(AUTHOR, author);
        done({ token: token, author: author });
      });
      cancel.addEventListener("click", function () { done(null); });
      form.addEventListener("keydown", function (ev) {
        ev.stopPropagation();  // the page's shortcuts wait until the form is gone
        if (ev.key === "Escape") { done(null); }
      });
      document.body.appendChild(form);
      form.elements.token.focus();
    });
  }

  function credentials() {
    var token = stored(TOKEN);
    var author = stored(AUTHOR);
    if (token && author) { return Promise.resolve({ token: token, author: author }); }
    return ask();
  }

  function detail(data) {
    if (!data || data.detail === undefined) { return "no reason given"; }
    if (typeof data.detail === "string") { return data.detail; }
    return data.detail.map(function (d) { return d.msg || String(d); }).join("; ");
  }

  // Send one correction of ref ({kind, document, idx}); resolves with the stored
  // correction, rejects with an Error saying why (err.refused: the token was).
  function send(ref, action, extra) {
    return credentials().then(function (cred) {
      if (!cred) { throw new Error("Nothing saved: corrections need the token and your name."); }
      var body = { kind: ref.kind, document: ref.document, idx: Number(ref.idx),
                   action: action, author: cred.author };
      if (extra && extra.field) { body.field = extra.field; body.value = extra.value; }
      if (extra && extra.note) { body.note = extra.note; }
      return post("/api/v1/corrections", body, cred.token);
    });
  }

  // Send one correction of an entity ({action, key, value, note}); resolves and
  // rejects like send.
  function sendEntity(change) {
    return credentials().then(function (cred) {
      if (!cred) { throw new Error("Nothing saved: corrections need the token and your name."); }
      var body = { action: change.action, key: change.key, value: change.value,
                   author: cred.author };
      if (change.note) { body.note = change.note; }
      return post("/api/v1/entity-corrections", body, cred.token);
    });
  }

  // Add a finding the machine missed ({kind, document, start, end, text, fields,
  // note}) through POST /api/v1/corrections/add; resolves and rejects like send.
  function addFinding(finding) {
    return credentials().then(function (cred) {
      if (!cred) { throw new Error("Nothing saved: corrections need the token and your name."); }
      var body = { kind: finding.kind, document: finding.document, start: finding.start,
                   end: finding.end, text: finding.text, fields: finding.fields || {},
                   author: cred.author };
      if (finding.note) { body.note = finding.note; }
      return post("/api/v1/corrections/add", body, cred.token);
    });
  }

  // Send one correction of the claim board ({action, proposition, members, into,
  // stance, note}) through POST /api/v1/claim-corrections; resolves and rejects
  // like send.
  function sendClaim(change) {
    return credentials().then(function (cred) {
      if (!cred) { throw new Error("Nothing saved: corrections need the token and your name."); }
      var body = { action: change.action, members: change.members || [], author: cred.author };
      ["proposition", "into", "stance", "note"].forEach(function (name) {
        if (change[name]) { body[name] = change[name]; }
      });
      return post("/api/v1/claim-corrections", body, cred.token);
    });
  }

  function post(url, body, token) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token },
      body: JSON.stringify(body),
      credentials: "same-origin",
    }).then(function (resp) {
      return resp.json().catch(function () { return {}; }).then(function (data) {
        if (resp.ok) { return data; }
        var err;
        if (resp.status === 401 || resp.status === 403) {
          forget(TOKEN);
          err = new Error("The server refused the token (" + resp.status + "): " +
                          detail(data) + ". Nothing was saved; give the token again.");
          err.refused = true;
        } else {
          err = new Error("Not saved (" + resp.status + "): " + detail(data));
        }
        throw err;
      });
    }, function () {
      throw new Error("Not saved: the server could not be reached.");
    });
  }

  // Withdraw a correction (by its id; ``base``: the API's list of that kind of
  // correction, /api/v1/corrections by default); resolves with it, rejects like send.
  function withdraw(id, base) {
    return credentials().then(function (cred) {
      if (!cred) { throw new Error("Nothing withdrawn: it needs the token and your name."); }
      return fetch((base || "/api/v1/corrections") + "/" + encodeURIComponent(id) + "?by=" +
                   encodeURIComponent(cred.author), {
        method: "DELETE",
        headers: { "Authorization": "Bearer " + cred.token },
        credentials: "same-origin",
      }).then(function (resp) {
        return resp.json().catch(function () { return {}; }).then(function (data) {
          if (resp.ok) { return data; }
          if (resp.status === 401 || resp.status === 403) { forget(TOKEN); }
          var err = new Error("Not withdrawn (" + resp.status + "): " + detail(data));
          err.refused = resp.status === 401 || resp.status === 403;
          throw err;
        });
      }, function () {
        throw new Error("Not withdrawn: the server could not be reached.");
      });
    });
  }

  // The fields a fix form changed: [{field, value}], and its note.
  function changes(form) {
    var out = [];
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name || input.name === "_note" || input.dataset.original === undefined) { return; }
      if (input.value.trim() !== input.dataset.original.trim()) {
        out.push({ field: input.name, value: input.value.trim() });
      }
    });
    var note = form.elements._note ? form.elements._note.value.trim() : "";
    return { fields: out, note: note };
  }

  // Save a fix form: one correction per changed field, in turn.
  function saveFix(ref, form) {
    var wanted = changes(form);
    if (!wanted.fields.length) {
      return Promise.reject(new Error("Change a field first (or confirm the finding as it is)."));
    }
    var made = [];
    return wanted.fields.reduce(function (chain, change) {
      return chain.then(function () {
        return send(ref, "set", { field: change.field, value: change.value, note: wanted.note })
          .then(function (c) { made.push(c); });
      });
    }, Promise.resolve()).then(function () { return made; });
  }

  // A fix form for fields [{field, value, choices}], built in the page (the
  // document page's details panel).
  function fixForm(edit) {
    var form = el("form", "q-fix");
    edit.forEach(function (e) {
      var label = el("label", null, e.field + " ");
      var input;
      if (e.choices && e.choices.length) {
        input = el("select");
        var values = e.choices.indexOf(e.value) >= 0 ? e.choices : [e.value].concat(e.choices);
        values.forEach(function (v) {
          var opt = el("option", null, v === "" ? "—" : v);
          opt.value = v;
          opt.selected = v === e.value;
          input.appendChild(opt);
        });
      } else {
        input = el("input");
        input.type = "text";
        input.autocomplete = "off";
        input.value = e.value;
      }
      input.name = e.field;
      input.dataset.original = e.value;
      label.appendChild(input);
      form.appendChild(label);
    });
    var note = el("label", "q-note", "note ");
    var noteInput = el("input");
    noteInput.type = "text";
    noteInput.name = "_note";
    noteInput.maxLength = 2000;
    note.appendChild(noteInput);
    form.appendChild(note);
    var save = el("button", null, "Save");
    save.type = "submit";
    var cancel = el("button", null, "Cancel");
    cancel.type = "button";
    cancel.dataset.action = "cancel";
    form.appendChild(save);
    form.appendChild(cancel);
    return form;
  }

  window.fogwatchCorrections = { send: send, sendEntity: sendEntity, withdraw: withdraw,
                                 addFinding: addFinding, sendClaim: sendClaim,
                                 ask: ask, saveFix: saveFix, fixForm: fixForm };
})();
