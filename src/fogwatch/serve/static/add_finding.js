// Adding a finding the machine missed: select words in the document's text and
// "Add a finding" offers a small form (kind, and the kind's fields). It posts
// through fogwatchCorrections.addFinding (the token and name asked once per tab).
// Offsets are counted in characters as the server counts them (code points).
(function () {
  "use strict";

  var article = document.getElementById("doc-text");
  var choicesEl = document.getElementById("add-choices");
  if (!article || !choicesEl || !window.fogwatchCorrections) { return; }
  var CHOICES = JSON.parse(choicesEl.textContent);
  var whole = article.textContent;
  var button = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function points(s) { return Array.from(s).length; }

  // The UTF-16 offset of (node, offset) inside the article's text.
  function unitsBefore(node, offset) {
    var range = document.createRange();
    range.selectNodeContents(article);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function selected() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) { return null; }
    var range = sel.getRangeAt(0);
    if (!article.contains(range.startContainer) || !article.contains(range.endContainer)) {
      return null;
    }
    var a = unitsBefore(range.startContainer, range.startOffset);
    var b = unitsBefore(range.endContainer, range.endOffset);
    var words = whole.slice(a, b);
    var lead = words.length - words.replace(/^\s+/, "").length;  // drop spaces at the edges
    var trail = words.length - words.replace(/\s+$/, "").length;
    a += lead;
    b -= trail;
    if (b <= a) { return null; }
    return { unitStart: a, start: points(whole.slice(0, a)),
             end: points(whole.slice(0, b)), text: whole.slice(a, b) };
  }

  // Where words occur nearest the selection: {start, end, text} in code points.
  function near(words, around) {
    words = words.trim();
    if (!words) { return null; }
    var best = -1;
    var at = whole.indexOf(words);
    while (at >= 0) {
      if (best < 0 || Math.abs(at - around) < Math.abs(best - around)) { best = at; }
      at = whole.indexOf(words, at + 1);
    }
    if (best < 0) { return null; }
    var start = points(whole.slice(0, best));
    return { start: start, end: start + points(words), text: words };
  }

  function choice(label, name, values, value) {
    var wrap = el("label", null, label + " ");
    var select = el("select");
    select.name = name;
    values.forEach(function (v) {
      var opt = el("option", null, v);
      opt.value = v;
      opt.selected = v === value;
      select.appendChild(opt);
    });
    wrap.appendChild(select);
    return wrap;
  }

  function input(label, name, hint) {
    var wrap = el("label", null, label + " ");
    var box = el("input");
    box.type = "text";
    box.name = name;
    box.autocomplete = "off";
    if (hint) { box.placeholder = hint; }
    wrap.appendChild(box);
    return wrap;
  }

  function kindFields(kind) {
    var box = el("div", "add-fields");
    if (kind === "events") {
      box.appendChild(choice("type", "type", CHOICES.events.type, ""));
      box.appendChild(choice("modality", "modality", CHOICES.events.modality, "happened"));
      box.appendChild(input("actors", "actors", "entity keys or words, comma-separated"));
      box.appendChild(input("targets", "targets", "entity keys or words, comma-separated"));
    } else if (kind === "quantities") {
      box.appendChild(input("value", "value", "a number, e.g. 1000"));
      box.appendChild(input("upper", "upper", "for a range: its upper end"));
      box.appendChild(input("unit", "unit", "e.g. soldiers, km"));
      box.appendChild(input("counted", "counted", "what it counts"));
    } else if (kind === "times") {
      box.appendChild(choice("type", "ttype", CHOICES.times.type, "DATE"));
      box.appendChild(input("value", "tvalue", "TimeML: 2025-11-03, 2025-W45, P5D, PRESENT_REF"));
      box.appendChild(choice("mod", "mod", CHOICES.times.mod, ""));
    } else {
      box.appendChild(input("source words", "source", "who says it, as written"));
      box.appendChild(input("content words", "content", "what is said, as written"));
      box.appendChild(choice("reporter's stance", "stance", CHOICES.attributions.stance,
                             "asserted"));
      box.appendChild(choice("kind", "akind", CHOICES.attributions.kind, "indirect"));
    }
    return box;
  }

  function list(value) {
    return value.split(",").map(function (v) { return v.trim(); })
      .filter(function (v) { return v; });
  }

  function openForm(sel) {
    var old = document.getElementById("add-finding");
    if (old) { old.remove(); }
    var form = el("form", "add-finding");
    form.id = "add-finding";
    form.setAttribute("role", "dialog");
    form.setAttribute("aria-label", "Add a finding");
    form.appendChild(el("p", "small", "Add a finding on \u201c" + sel.text + "\u201d"));
    form.appendChild(choice("kind", "kind", Object.keys(CHOICES), "events"));
    var fields = kindFields("events");
    form.appendChild(fields);
    form.appendChild(input("note", "_note", ""));
    var problem = el("p", "add-error small");
    problem.setAttribute("role", "alert");
    form.appendChild(problem);
    var save = el("button", null, "Add");
    save.type = "submit";
    var cancel = el("button", null, "Cancel");
    cancel.type = "button";
    form.appendChild(save);
    form.appendChild(cancel);
    form.elements.kind.addEventListener("change", function () {
      var next = kindFields(form.elements.kind.value);
      form.replaceChild(next, fields);
      fields = next;
    });
    cancel.addEventListener("click", function () { form.remove(); });
    form.addEventListener("keydown", function (ev) {
      ev.stopPropagation();
      if (ev.key === "Escape") { form.remove(); }
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var kind = form.elements.kind.value;
      var f = {};
      if (kind === "events") {
        f.type = form.elements.type.value;
        f.modality = form.elements.modality.value;
        f.actors = list(form.elements.actors.value);
        f.targets = list(form.elements.targets.value);
      } else if (kind === "quantities") {
        ["value", "upper", "unit", "counted"].forEach(function (name) {
          f[name] = form.elements[name].value.trim();
        });
      } else if (kind === "times") {
        f.type = form.elements.ttype.value;
        f.value = form.elements.tvalue.value.trim();
        if (!f.value) {
          problem.textContent = "Give the time's TimeML value (2025-11-03, 2025-W45, P5D, ...).";
          return;
        }
        if (form.elements.mod.value) { f.mod = form.elements.mod.value; }
      } else {
        var content = near(form.elements.content.value, sel.unitStart);
        if (!content) {
          problem.textContent = "Give the content words as the document writes them.";
          return;
        }
        f.content = [content];
        if (form.elements.source.value.trim()) {
          var source = near(form.elements.source.value, sel.unitStart);
          if (!source) {
            problem.textContent = "The source words are not in the document.";
            return;
          }
          f.source_start = source.start;
          f.source_end = source.end;
          f.source_text = source.text;
        }
        f.stance = form.elements.stance.value;
        f.kind = form.elements.akind.value;
      }
      save.disabled = true;
      problem.textContent = "";
      window.fogwatchCorrections.addFinding({
        kind: kind, document: article.dataset.document, start: sel.start, end: sel.end,
        text: sel.text, fields: f, note: form.elements._note.value.trim(),
      }).then(function (made) {
        form.textContent = "";
        form.appendChild(el("p", "small", "Added (correction " + made.id +
                            "). Reload the page to see it marked."));
        var reload = el("a", null, "Reload");
        reload.href = window.location.pathname + window.location.search;
        form.appendChild(reload);
      }, function (err) {
        save.disabled = false;
        problem.textContent = err.message;
      });
    });
    document.body.appendChild(form);
    form.elements.kind.focus();
  }

  function hide() {
    if (button) { button.remove(); button = null; }
  }

  article.addEventListener("mouseup", function () {
    window.setTimeout(function () {
      hide();
      var sel = selected();
      if (!sel) { return; }
      button = el("button", "add-finding-button", "Add a finding");
      button.type = "button";
      button.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
      button.addEventListener("click", function () { hide(); openForm(sel); });
      document.body.appendChild(button);
    }, 0);
  });
})();
