// Conveniences only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // On a phone the navigation folds behind the Menu button.
  var menu = document.getElementById("menu-button");
  if (menu) {
    menu.addEventListener("click", function () {
      var bar = menu.closest(".topbar"), open = !bar.classList.contains("menu-open");
      bar.classList.toggle("menu-open", open);
      menu.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  // Keys (unless typing in a field): "/" search, "g" then a letter to go to a list, "n" a new record
  // on a list, "e" edit on a record, "?" the list of them.
  var lists = { h: ["/home", "Home"], a: ["/accounts", "Accounts"], c: ["/contacts", "Contacts"], l: ["/leads", "Leads"],
                o: ["/opportunities", "Opportunities"], b: ["/board", "Board"], t: ["/activities", "Activities"], k: ["/calendar", "Calendar"],
                p: ["/products", "Products"], q: ["/quotes", "Quotes"], s: ["/orders", "Orders"], i: ["/invoices", "Invoices"],
                r: ["/reports", "Reports"] };
  var pendingGo = 0;
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  function follow(selector) {
    var link = document.querySelector(selector);
    if (link) { window.location.assign(link.getAttribute("href")); return true; }
    return false;
  }
  function help() {
    var dialog = document.getElementById("shortcuts");
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.id = "shortcuts";
      dialog.className = "shortcuts";
      dialog.setAttribute("aria-labelledby", "shortcuts-title");
      var rows = [["/", "Search"], ["n", "New record (on a list)"], ["e", "Edit (on a record)"], ["?", "These shortcuts"]];
      Object.keys(lists).forEach(function (key) { rows.push(["g " + key, lists[key][1]]); });
      var html = '<h2 id="shortcuts-title">Keyboard shortcuts</h2><table><tbody>';
      rows.forEach(function (row) {
        html += "<tr><td>" + row[0].split(" ").map(function (k) { return "<kbd>" + k + "</kbd>"; }).join(" then ") + "</td><td>" + row[1] + "</td></tr>";
      });
      dialog.innerHTML = html + '</tbody></table><form method="dialog"><button type="submit">Close</button></form>';
      document.body.appendChild(dialog);
    }
    if (dialog.showModal) dialog.showModal(); else dialog.setAttribute("open", "");
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var key = event.key;
    if (pendingGo && Date.now() - pendingGo < 1500 && lists[key]) {
      pendingGo = 0;
      event.preventDefault();
      window.location.assign(lists[key][0]);
      return;
    }
    pendingGo = 0;
    if (key === "/") {
      var search = document.getElementById("global-search");
      if (search) { event.preventDefault(); search.focus(); search.select(); }
    } else if (key === "g") {
      pendingGo = Date.now();
    } else if (key === "n") {
      if (follow('.page-head a.button.primary[href$="/new"]')) event.preventDefault();
    } else if (key === "e") {
      if (follow('.page-head a[href$="/edit"]')) event.preventDefault();
    } else if (key === "?") {
      event.preventDefault();
      help();
    }
  });
  // A list's bulk bar: "tick all" ticks the page's rows, the bar says how many are ticked, and shows
  // the owner or marketing-list choice only for the action that needs it.
  var bulk = document.getElementById("bulk");
  if (bulk) {
    var boxes = function () { return document.querySelectorAll('input[name="ids"][form="bulk"]'); };
    var count = document.getElementById("bulk-count"), action = document.getElementById("bulk-action");
    var noun = count ? count.textContent.replace(/^Tick (\S+).*$/, "$1") : "rows";
    var update = function () {
      var ticked = Array.prototype.filter.call(boxes(), function (box) { return box.checked; }).length;
      if (count) count.textContent = ticked ? ticked + " ticked" : "Tick " + noun + " to act on them.";
      bulk.querySelectorAll("[data-bulk-for]").forEach(function (select) {
        select.hidden = !action || action.value !== select.getAttribute("data-bulk-for");
      });
    };
    var all = document.getElementById("bulk-all");
    if (all) all.addEventListener("change", function () {
      boxes().forEach(function (box) { box.checked = all.checked; });
      update();
    });
    document.addEventListener("change", function (event) {
      if (event.target && (event.target.name === "ids" || event.target === action)) update();
    });
    bulk.addEventListener("submit", function (event) {
      if (action && action.value === "delete" && !window.confirm("Delete the ticked " + noun + "? This cannot be undone.")) event.preventDefault();
    });
    update();
  }
  // On a phone, record tables read as stacked cards (`cards-on-phone` in app.css): each cell is
  // labelled with its column's title. Tables of form inputs and histories keep their own layout.
  document.querySelectorAll("table.list").forEach(function (table) {
    if (table.classList.contains("history") || table.classList.contains("mapping") || table.closest("form") ||
        table.hasAttribute("data-keep-table")) return;
    var titles = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.replace(/[▲▼]/g, "").trim(); });
    if (!titles.length) return;
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (!cell.hasAttribute("data-label") && titles[index]) cell.setAttribute("data-label", titles[index]);
      });
    });
    table.classList.add("cards-on-phone");
  });
  // A share that opens another site (WhatsApp) is logged on the record first, without waiting.
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest && event.target.closest("a[data-log-share]");
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (!link || !window.fetch) return;
    fetch(link.getAttribute("data-log-share"), { method: "POST", credentials: "same-origin", keepalive: true,
      headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "_csrf=" + encodeURIComponent(meta ? meta.content : "") });
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
