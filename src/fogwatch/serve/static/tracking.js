// The "track a claim" page: watch the claim, mark it seen, or stop watching it.
// Each is a write of the JSON API, sent with the bearer token the analyst types
// (kept for this browser tab only). Messages are set as text, never as markup.
(function () {
  "use strict";
  var box = document.getElementById("watch");
  if (!box) { return; }
  var form = box.querySelector("form.watch-form");
  if (!form || !window.fetch) { return; }
  var said = form.querySelector("output");
  var KEY = "fogwatch-token";
  var AUTHOR = "fogwatch-author";
  try {
    form.token.value = sessionStorage.getItem(KEY) || "";
    form.author.value = localStorage.getItem(AUTHOR) || "";
  } catch (e) { /* storage refused: type them each time */ }
  form.hidden = false;

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var action = event.submitter ? event.submitter.value : "watch";
    var token = form.token.value.trim();
    var author = form.author.value.trim();
    try {
      sessionStorage.setItem(KEY, token);
      localStorage.setItem(AUTHOR, author);
    } catch (e) { /* nothing kept */ }
    var id = box.getAttribute("data-watched");
    var url = "/api/v1/watched";
    var init = { method: "POST", headers: { "Authorization": "Bearer " + token } };
    if (action === "watch") {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify({ text: box.getAttribute("data-claim"), author: author || null });
    } else if (action === "seen" && id) {
      url += "/" + encodeURIComponent(id) + "/seen";
    } else if (action === "unwatch" && id) {
      url += "/" + encodeURIComponent(id);
      init.method = "DELETE";
    } else {
      return;
    }
    said.textContent = "…";
    fetch(url, init).then(function (response) {
      if (response.ok) { window.location.reload(); return null; }
      return response.json().then(function (body) {
        said.textContent = response.status + ": " + (body && body.detail ? String(body.detail) : "refused");
      }, function () { said.textContent = response.status + ": refused"; });
    }, function () { said.textContent = "the server could not be reached"; });
  });
}());
