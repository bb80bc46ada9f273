// The document reader: hovering a highlighted passage shows what fogwatch made of
// it; clicking keeps it in the panel (click again, or press Escape, to let go).
(function () {
  "use strict";

  var dataEl = document.getElementById("findings-data");
  var panel = document.getElementById("details");
  var body = document.getElementById("details-body");
  var hint = document.getElementById("details-hint");
  if (!dataEl || !panel || !body) { return; }
  var findings = JSON.parse(dataEl.textContent || "{}");
  var text = document.querySelector(".reader-main");
  var pinned = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function render(ids) {
    body.replaceChildren();
    ids.forEach(function (id) {
      var f = findings[id];
      if (!f) { return; }
      var box = el("div", "finding");
      box.dataset.finding = id;
      box.appendChild(el("div", "finding-kind kind-" + f.kind, f.kind === "cue" ? "attribution" : f.kind));
      var title = el("div", "finding-title");
      if (f.link) {
        var a = el("a", null, f.title);
        a.href = f.link;
        title.appendChild(a);
      } else {
        title.textContent = f.title;
      }
      box.appendChild(title);
      var dl = el("dl");
      (f.fields || []).forEach(function (pair) {
        if (pair[1] === null || pair[1] === undefined || pair[1] === "") { return; }
        dl.appendChild(el("dt", null, pair[0]));
        dl.appendChild(el("dd", null, pair[1]));
      });
      box.appendChild(dl);
      corrections(box, f);
      actions(box, id, f);
      body.appendChild(box);
    });
    if (hint) { hint.hidden = ids.length > 0; }
  }

  // An analyst's corrections of the finding: who, what the machine had, the note.
  function corrections(box, f) {
    if (!f.review && !(f.corrections || []).length) { return; }
    var list = el("ul", "corrections");
    if (f.review) { list.appendChild(el("li", "review review-" + f.review, f.review)); }
    (f.corrections || []).forEach(function (c) {
      var line;
      if (c.action === "set") {
        line = c.field + " corrected by " + c.by + ": was " + c.was;
      } else {
        line = (c.action === "reject" ? "rejected" : "confirmed") + " by " + c.by;
      }
      var item = el("li", "correction", line + (c.at ? " (" + c.at + ")" : ""));
      if (c.note) { item.appendChild(el("div", "correction-note", c.note)); }
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  // Confirm, reject or fix the finding (corrections.js asks for the token once).
  function actions(box, id, f) {
    var api = window.fogwatchCorrections;
    if (!api || !f.ref) { return; }
    var bar = el("div", "q-actions");
    var result = el("p", "q-result");
    result.setAttribute("role", "status");
    var form = null;
    function button(label, action) {
      var b = el("button", null, label);
      b.type = "button";
      b.dataset.action = action;
      bar.appendChild(b);
    }
    button("Confirm", "confirm");
    button("Reject", "reject");
    if ((f.edit || []).length) { button("Fix", "fix"); }
    function fail(err) {
      result.textContent = err.message;
      result.classList.add("error");
    }
    function applied(state, made) {
      // as the store applies them: a set field keeps a finding rejected, and a
      // confirmed one stays corrected
      if (state === "confirmed" && f.review === "corrected") { state = "corrected"; }
      if (state === "corrected" && f.review === "rejected") { state = "rejected"; }
      f.review = state;
      var today = new Date().toISOString().slice(0, 10);
      f.corrections = (f.corrections || []).concat(made.map(function (c) {
        return { action: c.action, field: c.field, by: c.author, at: today, note: c.note,
                 was: c.action === "set" ? shown(c.original) : null };
      }));
      made.forEach(function (c) {
        if (c.action !== "set") { return; }
        (f.edit || []).forEach(function (e) { if (e.field === c.field) { e.value = shown(c.value); } });
      });
      render(pinned || [id]);
    }
    bar.addEventListener("click", function (ev) {
      var b = ev.target.closest("button[data-action]");
      if (!b) { return; }
      ev.stopPropagation();
      result.classList.remove("error");
      if (b.dataset.action === "fix") {
        if (!form) {
          form = api.fixForm(f.edit);
          form.addEventListener("submit", function (e) {
            e.preventDefault();
            result.textContent = "Saving…";
            api.saveFix(f.ref, form).then(function (made) { applied("corrected", made); }, fail);
          });
          form.addEventListener("click", function (e) {
            if (e.target.closest("button[data-action=cancel]")) { form.hidden = true; }
          });
          box.insertBefore(form, result);
        }
        form.hidden = false;
        var first = form.querySelector("select, input");
        if (first) { first.focus(); }
        return;
      }
      var action = b.dataset.action;
      result.textContent = "Saving…";
      api.send(f.ref, action).then(function (c) {
        applied(action === "reject" ? "rejected" : "confirmed", [c]);
      }, fail);
    });
    box.appendChild(bar);
    box.appendChild(result);
  }

  function shown(value) {
    if (value === null || value === undefined || value === "" ||
        (Array.isArray(value) && !value.length)) { return "nothing"; }
    return Array.isArray(value) ? value.join(", ") : String(value);
  }

  // Rejected findings answer a hover only while they are shown (the legend's toggle).
  function visible(ids) {
    if (!text || !text.classList.contains("off-rejected")) { return ids; }
    return ids.filter(function (id) { return !(findings[id] && findings[id].review === "rejected"); });
  }

  function mark(ids) {
    document.querySelectorAll(".hl.active").forEach(function (n) { n.classList.remove("active"); });
    if (!ids.length) { return; }
    var first = ids[0];
    document.querySelectorAll(".hl[data-ids]").forEach(function (n) {
      if (n.dataset.ids.split(" ").indexOf(first) >= 0) { n.classList.add("active"); }
    });
  }

  function show(ids, pin) {
    render(ids);
    mark(ids);
    if (pin) {
      pinned = ids;
      panel.classList.add("pinned");
    }
  }

  function release() {
    pinned = null;
    panel.classList.remove("pinned");
    render([]);
    mark([]);
  }

  document.addEventListener("mouseover", function (ev) {
    if (pinned) { return; }
    var seg = ev.target.closest && ev.target.closest(".hl[data-ids]");
    if (!seg) { return; }
    var ids = visible(seg.dataset.ids.split(" "));
    if (ids.length) { show(ids, false); }
  });

  document.addEventListener("click", function (ev) {
    var seg = ev.target.closest && ev.target.closest(".hl[data-ids], button.pick");
    if (!seg) { return; }
    if (seg.closest("a")) { return; }
    var ids = seg.dataset.ids ? visible(seg.dataset.ids.split(" ")) : [seg.dataset.pick];
    if (!ids.length) { return; }
    if (pinned && pinned.join(" ") === ids.join(" ")) {
      release();
      return;
    }
    show(ids, true);
    if (seg.dataset.pick) {
      var target = document.querySelector('.hl[data-ids~="' + CSS.escape(seg.dataset.pick) + '"]');
      if (target) { target.scrollIntoView({ block: "center", behavior: "smooth" }); }
    }
  });

  var closer = document.getElementById("details-close");
  if (closer) { closer.addEventListener("click", release); }

  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && pinned) { release(); }
  });

  // The legend's checkboxes switch highlight kinds on and off.
  document.querySelectorAll("input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      text.classList.toggle("off-" + box.dataset.kind, !box.checked);
    });
  });

  // A passage linked from another page: show what covers it.
  var linked = document.getElementById("mark");
  if (linked) {
    linked.scrollIntoView({ block: "center" });
    var ids = linked.dataset.ids.split(" ").filter(function (i) { return !/mark$/.test(i); });
    if (ids.length) { show(ids, true); }
  }
})();
