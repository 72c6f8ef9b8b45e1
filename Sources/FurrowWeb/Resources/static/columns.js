// Column choice on record lists: a "Columns" menu beside the saved views lists the table's
// columns; unticking one hides it. The choice is kept in the address (`hide=Industry,Phone`), so
// a saved view keeps it and a shared link shows the same columns. The first column stays.
(function () {
  "use strict";
  var table = document.querySelector("table.list");
  var anchor = document.getElementById("saved-views");
  if (!table || !anchor) return;
  var heads = Array.prototype.slice.call(table.querySelectorAll("thead th"));
  var columns = heads.map(function (th, index) {
    return { index: index, title: th.textContent.replace(/[▲▼]/g, "").trim() };
  }).filter(function (column) { return column.title; });
  if (columns.length < 3) return;
  var first = columns[0].index;
  var params = new URLSearchParams(location.search);
  var hidden = (params.get("hide") || "").split(",").map(function (t) { return t.trim(); }).filter(Boolean);

  function apply() {
    columns.forEach(function (column) {
      var hide = column.index !== first && hidden.indexOf(column.title) >= 0;
      table.querySelectorAll("tr").forEach(function (row) {
        var cell = row.children[column.index];
        if (cell) cell.classList.toggle("column-hidden", hide);
      });
    });
  }

  function remember() {
    var next = new URLSearchParams(location.search);
    if (hidden.length) next.set("hide", hidden.join(",")); else next.delete("hide");
    var query = next.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
    // links that keep the list's query (sorting, paging) keep the choice too
    document.querySelectorAll("table.list thead a[href], nav.pager a[href]").forEach(function (link) {
      var url = new URL(link.getAttribute("href"), location.href);
      if (hidden.length) url.searchParams.set("hide", hidden.join(",")); else url.searchParams.delete("hide");
      link.setAttribute("href", url.pathname + url.search);
    });
  }

  var menu = document.createElement("details");
  menu.className = "column-choice";
  var summary = document.createElement("summary");
  summary.textContent = "Columns";
  menu.appendChild(summary);
  var list = document.createElement("fieldset");
  var legend = document.createElement("legend");
  legend.className = "visually-hidden";
  legend.textContent = "Columns shown";
  list.appendChild(legend);
  // the choices are made when the menu first opens (a closed menu adds no labels to the page)
  var built = false;
  menu.addEventListener("toggle", function () {
    if (!menu.open || built) return;
    built = true;
    columns.forEach(function (column) {
      if (column.index === first) return;
      var label = document.createElement("label");
      label.className = "check";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = hidden.indexOf(column.title) < 0;
      box.setAttribute("data-column", column.title);
      box.addEventListener("change", function () {
        hidden = hidden.filter(function (t) { return t !== column.title; });
        if (!box.checked) hidden.push(column.title);
        apply();
        remember();
      });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + column.title));
      list.appendChild(label);
    });
  });
  menu.appendChild(list);
  anchor.parentNode.insertBefore(menu, anchor);
  apply();
})();
