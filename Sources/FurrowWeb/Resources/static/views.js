// Saved views above a record list (#saved-views): "All", then the user's views and those shared
// with their team, each a link to the list with its filters, search, sort and columns; the
// current one marked. "Save this view…" keeps the list as it is now under a name, for oneself or
// shared with the team; one's own views can be deleted.
(function () {
  "use strict";
  var box = document.getElementById("saved-views");
  if (!box || !window.fetch) return;
  var list = box.getAttribute("data-list") || location.pathname.replace(/^\//, "").split("/")[0];
  var meta = document.querySelector('meta[name="csrf-token"]');
  // the list's query as it is now (the column choice changes it without loading the page)
  function currentQuery() {
    return location.search.replace(/^\?/, "").split("&").filter(function (part) {
      return part && part.indexOf("cursor=") !== 0;
    }).join("&");
  }
  var current = currentQuery();

  function call(method, url, body) {
    var headers = { Accept: "application/json", "X-CSRF-Token": meta ? meta.content : "" };
    if (body) headers["Content-Type"] = "application/json";
    return fetch(url, { method: method, credentials: "same-origin", headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (json) { return { status: response.status, json: json }; });
      });
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function load() {
    call("GET", "/api/v1/saved-views?list=" + encodeURIComponent(list)).then(function (answer) {
      render(answer.status === 200 ? answer.json.items : []);
    });
  }

  function render(views) {
    box.textContent = "";
    box.hidden = false;
    var nav = element("nav", { "aria-label": "Saved views", class: "views" });
    nav.appendChild(element("span", { class: "views-label" }, "Views:"));
    var all = element("a", { href: "/" + list }, "All");
    if (!current) all.setAttribute("aria-current", "page");
    nav.appendChild(all);
    views.forEach(function (view) {
      var item = element("span", { class: "view" });
      var link = element("a", { href: view.link }, view.name);
      if (view.query === current) link.setAttribute("aria-current", "page");
      item.appendChild(link);
      if (view.shared) item.appendChild(element("span", { class: "badge", title: "Shared with the team" }, "team"));
      if (view.mine) {
        var remove = element("button", { type: "button", class: "link danger", "aria-label": "Delete the view " + view.name }, "×");
        remove.addEventListener("click", function () {
          if (!window.confirm("Delete the view “" + view.name + "”?")) return;
          call("DELETE", "/api/v1/saved-views/" + view.id).then(load);
        });
        item.appendChild(remove);
      }
      nav.appendChild(item);
    });
    var details = element("details", { class: "save-view" });
    details.appendChild(element("summary", {}, "Save this view…"));
    var form = element("form", { class: "inline-form", novalidate: "" });
    var name = element("input", { id: "view-name", type: "text", maxlength: "60", required: "", "aria-label": "Name of the view", placeholder: "Name, such as “My open deals”" });
    var shareLabel = element("label", { class: "check", for: "view-shared" });
    var share = element("input", { id: "view-shared", type: "checkbox" });
    shareLabel.appendChild(share);
    shareLabel.appendChild(document.createTextNode(" Share with my team"));
    var save = element("button", { type: "submit" }, "Save view");
    var note = element("span", { class: "error", role: "alert", id: "view-error" });
    form.appendChild(name);
    form.appendChild(shareLabel);
    form.appendChild(save);
    form.appendChild(note);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      current = currentQuery();
      call("POST", "/api/v1/saved-views", { list: list, name: name.value.trim(), query: current, shared: share.checked }).then(function (answer) {
        if (answer.status === 201) { load(); return; }
        note.textContent = (answer.json.errors || []).map(function (e) { return e.message; }).join("; ") || answer.json.detail || "Not saved.";
        name.focus();
      });
    });
    details.appendChild(form);
    nav.appendChild(details);
    box.appendChild(nav);
  }

  load();
})();
