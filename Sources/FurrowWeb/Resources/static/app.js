// Conveniences only: every page works without this file.
(function () {
  "use strict";
  // "/" jumps to the global search box (unless typing in a field).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var search = document.getElementById("global-search");
    if (search) { event.preventDefault(); search.focus(); search.select(); }
  });
  // Forms with data-confirm ask before they submit.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });
  // A plain form larger than the server takes is not sent: it would come back as a "too large"
  // page; here it stays as typed, with the limit said beside its buttons.
  document.addEventListener("submit", function (event) {
    var form = event.target, meta = document.querySelector("meta[name=form-limit]");
    if (event.defaultPrevented || !meta || !form || form.tagName !== "FORM") return;
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post" || form.enctype === "multipart/form-data") return;
    var limit = parseInt(meta.content, 10);
    if (!(limit > 0)) return;
    var size;
    try { size = new URLSearchParams(new FormData(form, event.submitter)).toString().length; } catch (e) { return; }
    if (size <= limit) return;
    event.preventDefault();
    var note = form.querySelector(".form-too-large");
    if (!note) {
      note = document.createElement("p");
      note.className = "flash flash-error form-too-large";
      note.setAttribute("role", "alert");
      var submit = form.querySelector("[type=submit]");
      (submit && submit.parentNode ? submit.parentNode : form).insertBefore(note, submit && submit.parentNode ? submit : null);
    }
    note.textContent = "Not sent: this form holds about " + Math.ceil(size / 1024) + " KB, and a form may send at most " +
      meta.getAttribute("data-text") + ". Shorten the longest text and send it again.";
  });
})();
