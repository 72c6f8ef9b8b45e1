// The contact import's upload with a progress bar: the form goes by XMLHttpRequest so that
// `upload.onprogress` can move the bar, and the answer (the very page the plain form gets) takes
// the place of this one. Without this file the form posts as it is.
(function () {
  "use strict";
  if (!window.XMLHttpRequest || !window.FormData || !window.DOMParser) return;
  var busy = false;

  function show(done, total, text) {
    var bar = document.getElementById("upload-progress");
    var status = document.getElementById("upload-status");
    var percent = total > 0 ? Math.min(100, Math.floor(done * 100 / total)) : 0;
    if (bar) {
      bar.hidden = false;
      bar.value = percent;
      bar.textContent = percent + "%";
      bar.setAttribute("aria-valuetext", percent + "% uploaded");
    }
    if (status && text !== undefined) status.textContent = text;
  }

  function fail(form, text) {
    busy = false;
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = false;
    var status = document.getElementById("upload-status");
    if (status) status.textContent = text;
  }

  function same(url, other) {
    return url.split("#")[0].split("?")[0] === other.split("#")[0].split("?")[0];
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.id !== "import-form" || event.defaultPrevented) return;
    event.preventDefault();
    if (busy) return;
    busy = true;
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.upload.onprogress = function (progress) {
      if (progress.lengthComputable) show(progress.loaded, progress.total, "Uploading…");
    };
    request.upload.onload = function () { show(1, 1, "Uploaded; checking the rows…"); };
    request.onload = function () {
      var url = request.responseURL || form.action;
      // Sent elsewhere (to sign in again, when the session ended meanwhile): go there.
      if (!same(url, form.action)) { window.location.assign(url); return; }
      var type = request.getResponseHeader("Content-Type") || "";
      var page = /text\/html/.test(type) ? new DOMParser().parseFromString(request.responseText, "text/html") : null;
      var fresh = page && page.getElementById("main");
      var main = document.getElementById("main");
      if (!fresh || !main) { fail(form, "The server's answer could not be shown (status " + request.status + "). Try again."); return; }
      busy = false;
      main.replaceWith(document.adoptNode(fresh));
      document.title = page.title;
      show(1, 1, "Uploaded.");
      var target = document.getElementById("import-result-heading") || document.getElementById("upload-message")
        || document.querySelector("#main [autofocus]") || document.querySelector("#main h1");
      if (target) {
        if (!target.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|BUTTON|A)$/.test(target.tagName)) target.setAttribute("tabindex", "-1");
        target.focus();
      }
    };
    request.onerror = function () { fail(form, "The upload failed: the server could not be reached. Try again."); };
    request.onabort = function () { fail(form, "The upload was stopped."); };
    show(0, 1, "Uploading…");
    request.send(new FormData(form));
  });
})();
