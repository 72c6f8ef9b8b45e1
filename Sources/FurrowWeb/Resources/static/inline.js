// Editing a simple field in place on a record's page: each dd[data-inline] inside a
// [data-record] section gets an Edit button; Enter saves the one field through the API with the
// version the page was read at (If-Match). When someone else saved the record meanwhile, their
// value is shown beside yours and you choose: keep theirs, or save yours over it. Escape cancels.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');

  function request(method, url, version, body) {
    var headers = { Accept: "application/json", "X-CSRF-Token": meta ? meta.content : "" };
    if (body) headers["Content-Type"] = "application/json";
    if (version) headers["If-Match"] = '"' + version + '"';
    return fetch(url, { method: method, credentials: "same-origin", headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (json) { return { status: response.status, json: json }; });
      });
  }

  function say(dd, text, isError) {
    var note = dd.querySelector(".inline-note");
    if (!note) {
      note = document.createElement("span");
      note.className = "inline-note hint";
      note.setAttribute("role", isError ? "alert" : "status");
      dd.appendChild(note);
    }
    note.className = "inline-note " + (isError ? "error" : "hint");
    note.textContent = text;
    return note;
  }

  function edit(section, dd, button) {
    var field = dd.getAttribute("data-inline");
    var shown = Array.prototype.slice.call(dd.childNodes);
    var form = document.createElement("form");
    form.className = "inline-edit";
    form.noValidate = true;
    var input = document.createElement("input");
    input.type = field === "email" ? "email" : "text";
    input.value = dd.getAttribute("data-inline-value") || "";
    input.setAttribute("aria-label", dd.getAttribute("data-inline-label") || field);
    input.id = "inline-" + field;
    form.appendChild(input);
    var save = document.createElement("button");
    save.type = "submit";
    save.textContent = "Save";
    form.appendChild(save);
    shown.forEach(function (node) { node.remove(); });
    dd.appendChild(form);
    input.focus();
    input.select();

    function cancel() {
      form.remove();
      shown.forEach(function (node) { dd.appendChild(node); });
      button.focus();
    }
    function send(value, version) {
      var body = {};
      body[field] = value === "" ? null : value;
      request("PATCH", section.getAttribute("data-record"), version, body).then(function (answer) {
        if (answer.status === 200) {
          section.setAttribute("data-version", answer.json.version);
          window.location.reload();
        } else if (answer.status === 412 || answer.status === 409) {
          conflict(value);
        } else {
          var errors = (answer.json.errors || []).map(function (e) { return e.message; }).join("; ");
          say(dd, errors || answer.json.detail || "Not saved.", true);
        }
      }, function () { say(dd, "Not saved: the server did not answer.", true); });
    }
    // Someone saved the record after this page was read: show their value, keep yours, let the user choose.
    function conflict(mine) {
      request("GET", section.getAttribute("data-record")).then(function (answer) {
        var theirs = answer.json[field] == null ? "" : String(answer.json[field]);
        var note = say(dd, "", true);
        note.textContent = "Someone else changed this record meanwhile. Now: “" + (theirs || "empty") + "”. Yours: “" + (mine || "empty") + "”. ";
        var keepMine = document.createElement("button");
        keepMine.type = "button";
        keepMine.textContent = "Save mine";
        keepMine.addEventListener("click", function () { send(mine, answer.json.version); });
        var keepTheirs = document.createElement("button");
        keepTheirs.type = "button";
        keepTheirs.textContent = "Keep theirs";
        keepTheirs.addEventListener("click", function () { window.location.reload(); });
        note.appendChild(keepMine);
        note.appendChild(document.createTextNode(" "));
        note.appendChild(keepTheirs);
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send(input.value.trim(), section.getAttribute("data-version"));
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); cancel(); }
    });
  }

  document.querySelectorAll("[data-record] dd[data-inline]").forEach(function (dd) {
    var section = dd.closest("[data-record]");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link inline-edit-button";
    button.textContent = "Edit";
    button.setAttribute("aria-label", "Edit " + (dd.getAttribute("data-inline-label") || "").toLowerCase());
    button.addEventListener("click", function () { edit(section, dd, button); });
    dd.appendChild(document.createTextNode(" "));
    dd.appendChild(button);
  });
})();
