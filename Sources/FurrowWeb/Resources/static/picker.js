// Type-ahead pickers: every select[data-picker] gets a search box above it. Typing asks the server
// (/pick/<kind>?q=…) for the first matching records the user may see and puts them in the select,
// keeping its fixed choices ("none", "create new") and the one chosen; the first match is chosen.
// A contact picker tied to an account (data-picker-account) lists that customer's contacts first.
// Without JavaScript the select stays as it is.
(function () {
  "use strict";
  var uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  var nouns = { accounts: "accounts", contacts: "contacts", products: "products", users: "users" };

  function accountOf(select) {
    var ref = select.getAttribute("data-picker-account");
    if (!ref) return "";
    if (ref.charAt(0) !== "#") return ref;
    var field = document.querySelector(ref);
    return field && uuid.test(field.value) ? field.value : "";
  }

  function fill(select, choices, status, typed) {
    var keep = [];
    Array.prototype.forEach.call(select.options, function (option) {
      if (!uuid.test(option.value) || option.selected) keep.push(option);
    });
    select.textContent = "";
    keep.forEach(function (option) { select.appendChild(option); });
    choices.forEach(function (choice) {
      if (keep.some(function (option) { return option.value === choice.value; })) return;
      var option = document.createElement("option");
      option.value = choice.value;
      option.textContent = choice.hint ? choice.label + " — " + choice.hint : choice.label;
      select.appendChild(option);
    });
    if (typed && choices.length) {
      select.value = choices[0].value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
    status.textContent = typed ? (choices.length ? choices.length + (choices.length === 20 ? "+" : "") + " found; the first is chosen" : "nothing found") : "";
  }

  function search(select, input, status) {
    var kind = select.getAttribute("data-picker");
    var url = "/pick/" + encodeURIComponent(kind) + "?q=" + encodeURIComponent(input.value.trim());
    var account = accountOf(select);
    if (account) url += "&account=" + encodeURIComponent(account);
    var asked = input.value;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (choices) { if (input.value === asked) fill(select, choices, status, asked.trim() !== ""); })
      .catch(function () { status.textContent = "search failed; choose from the list"; });
  }

  function enhance(select) {
    var kind = select.getAttribute("data-picker");
    var input = document.createElement("input");
    input.type = "search";
    input.className = "picker-search";
    input.id = select.id + "-search";
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-label", "Search " + (nouns[kind] || kind));
    input.setAttribute("aria-controls", select.id);
    input.placeholder = "Type to search " + (nouns[kind] || kind) + "…";
    var status = document.createElement("span");
    status.className = "picker-status hint";
    status.setAttribute("aria-live", "polite");
    var box = document.createElement("div");
    box.className = "picker";
    select.parentNode.insertBefore(box, select);
    box.appendChild(input);
    box.appendChild(select);
    box.appendChild(status);
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(select, input, status); }, 150);
    });
    // Enter in the search box keeps the match instead of sending the form; Down moves to the list.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); select.focus(); }
      if (event.key === "ArrowDown") { event.preventDefault(); select.focus(); }
    });
    var ref = select.getAttribute("data-picker-account");
    if (ref && ref.charAt(0) === "#") {
      var account = document.querySelector(ref);
      if (account) account.addEventListener("change", function () { search(select, input, status); });
    }
  }

  document.querySelectorAll("select[data-picker]").forEach(enhance);
})();
