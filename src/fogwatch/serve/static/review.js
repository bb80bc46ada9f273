// The review queue: move with j/k (or the arrows), confirm with c, reject with x
// (or r), fix with e (or f), undo the last with u, open the document with o, ?
// for the keys. Each correction goes through the API (corrections.js); a
// reviewed finding stays on the page, greyed, and the next one is picked.
(function () {
  "use strict";

  var api = window.fogwatchCorrections;
  var queue = document.getElementById("queue");
  if (!api || !queue) { return; }
  var items = Array.prototype.slice.call(queue.querySelectorAll(".q-item"));
  var status = document.getElementById("review-status");
  var help = document.getElementById("review-help");
  var current = -1;
  var done = [];  // [item, [correction ids]], the latest last: what u takes back

  function ref(item) {
    return { kind: item.dataset.kind, document: item.dataset.document, idx: item.dataset.idx };
  }

  function say(item, text, bad) {
    var out = item.querySelector(".q-result");
    out.textContent = text;
    out.classList.toggle("error", !!bad);
  }

  function tell(text, bad) {
    if (!status) { return; }
    status.textContent = text;
    status.classList.toggle("error", !!bad);
  }

  function pick(i) {
    if (!items.length) { return; }
    i = Math.max(0, Math.min(items.length - 1, i));
    if (items[current]) { items[current].classList.remove("current"); }
    current = i;
    var item = items[i];
    item.classList.add("current");
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest" });
  }

  // The next finding not yet reviewed after i (or the first one left).
  function next(i) {
    for (var n = 1; n <= items.length; n++) {
      var j = (i + n) % items.length;
      if (!items[j].classList.contains("done")) { return j; }
    }
    return -1;
  }

  function finished(item, state, text, made) {
    done.push([item, made.map(function (c) { return c.id; })]);
    item.classList.remove("busy");
    item.classList.add("done", "done-" + state);
    item.dataset.review = state;
    item.querySelectorAll(".q-actions button").forEach(function (b) { b.disabled = true; });
    say(item, text);
    var left = items.filter(function (it) { return !it.classList.contains("done"); }).length;
    tell(left ? left + " left on this page." :
      "Page cleared: reload it for the next findings in the queue.");
    var j = next(items.indexOf(item));
    if (j >= 0 && items[current] === item) { pick(j); }
  }

  function failed(item, err) {
    item.classList.remove("busy");
    say(item, err.message, true);
    if (err.refused) { tell(err.message, true); }
  }

  function act(item, action) {
    if (!item || item.classList.contains("done") || item.classList.contains("busy")) { return; }
    item.classList.add("busy");
    say(item, "Saving…");
    api.send(ref(item), action).then(function (c) {
      var state = action === "reject" ? "rejected" : "confirmed";
      finished(item, state, state + " by " + c.author, [c]);
    }, function (err) { failed(item, err); });
  }

  // Take back the latest review made on this page: its corrections withdrawn.
  function undo() {
    var last = done.pop();
    if (!last) { tell("Nothing to undo on this page."); return; }
    var item = last[0];
    item.classList.add("busy");
    say(item, "Withdrawing…");
    last[1].reduce(function (chain, id) {
      return chain.then(function () { return api.withdraw(id); });
    }, Promise.resolve()).then(function () {
      item.classList.remove("busy", "done", "done-" + item.dataset.review);
      delete item.dataset.review;
      item.querySelectorAll(".q-actions button").forEach(function (b) { b.disabled = false; });
      say(item, "Withdrawn: back in the queue.");
      pick(items.indexOf(item));
    }, function (err) {
      done.push(last);
      failed(item, err);
    });
  }

  function openFix(item) {
    var form = item && item.querySelector("form.q-fix");
    if (!form || item.classList.contains("done")) { return; }
    form.hidden = false;
    var first = form.querySelector("select, input");
    if (first) { first.focus(); }
  }

  function closeFix(item) {
    var form = item.querySelector("form.q-fix");
    if (form) { form.hidden = true; }
    item.focus({ preventScroll: true });
  }

  queue.addEventListener("submit", function (ev) {
    var form = ev.target.closest("form.q-fix");
    if (!form) { return; }
    ev.preventDefault();
    var item = form.closest(".q-item");
    if (item.classList.contains("busy")) { return; }
    item.classList.add("busy");
    say(item, "Saving…");
    api.saveFix(ref(item), form).then(function (made) {
      form.hidden = true;
      var fields = made.map(function (c) { return c.field; }).join(", ");
      finished(item, "corrected", fields + " corrected by " + made[0].author, made);
    }, function (err) { failed(item, err); });
  });

  queue.addEventListener("keydown", function (ev) {
    var form = ev.target.closest && ev.target.closest("form.q-fix");
    if (!form) { return; }
    ev.stopPropagation();
    if (ev.key === "Escape") {
      closeFix(form.closest(".q-item"));
    } else if (ev.key === "Enter" && ev.target.tagName === "SELECT") {
      ev.preventDefault();
      form.requestSubmit();
    }
  });

  queue.addEventListener("click", function (ev) {
    var item = ev.target.closest(".q-item");
    if (!item) { return; }
    var i = items.indexOf(item);
    if (i !== current && !ev.target.closest("form")) { pick(i); }
    var button = ev.target.closest("button[data-action]");
    if (!button) { return; }
    var action = button.dataset.action;
    if (action === "fix") { openFix(item); }
    else if (action === "cancel") { closeFix(item); }
    else { act(item, action); }
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var tag = ev.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || ev.target.isContentEditable) {
      return;
    }
    var item = items[current];
    switch (ev.key) {
      case "j": case "ArrowDown": pick(current + 1); break;
      case "k": case "ArrowUp": pick(current < 0 ? 0 : current - 1); break;
      case "c": act(item, "confirm"); break;
      case "x": case "r": act(item, "reject"); break;
      case "e": case "f": openFix(item); break;
      case "u": undo(); break;
      case "o": if (item) { window.location.href = item.dataset.href; } break;
      case "?": if (help) { help.hidden = !help.hidden; } break;
      default: return;
    }
    ev.preventDefault();
  });

  if (items.length) { pick(0); }
})();
