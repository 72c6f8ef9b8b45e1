// The board's drag and drop: a card dropped on another column asks the API to advance the
// opportunity; a refusal puts the card back and says why. Without this file each card's
// Advance button does the same through a plain form.
(function () {
  "use strict";
  var board = document.querySelector(".board");
  if (!board) return;
  var meta = document.querySelector('meta[name="csrf-token"]');
  var message = document.getElementById("board-message");
  var dragged = null;
  var home = null;
  var homeNext = null;

  function columnOf(node) {
    return node && node.closest ? node.closest(".board-column") : null;
  }

  function say(text, items) {
    message.textContent = "";
    var line = document.createElement("p");
    line.textContent = text;
    message.appendChild(line);
    if (items && items.length) {
      var list = document.createElement("ul");
      items.forEach(function (item) {
        var entry = document.createElement("li");
        entry.textContent = item;
        list.appendChild(entry);
      });
      message.appendChild(list);
    }
    message.hidden = false;
  }

  function count(column, delta) {
    var badge = column && column.querySelector(".count");
    if (badge) badge.textContent = String(Math.max(0, (parseInt(badge.textContent, 10) || 0) + delta));
  }

  board.addEventListener("dragstart", function (event) {
    var card = event.target.closest ? event.target.closest(".board-card[draggable='true']") : null;
    if (!card) return;
    dragged = card;
    home = card.parentNode;
    homeNext = card.nextSibling;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.getAttribute("data-opportunity-id"));
    card.classList.add("dragging");
  });

  board.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    board.querySelectorAll(".drop-target").forEach(function (c) { c.classList.remove("drop-target"); });
  });

  board.addEventListener("dragover", function (event) {
    var column = columnOf(event.target);
    if (!dragged || !column) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    column.classList.add("drop-target");
  });

  board.addEventListener("dragleave", function (event) {
    var column = columnOf(event.target);
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("drop-target");
  });

  board.addEventListener("drop", function (event) {
    var column = columnOf(event.target);
    if (!dragged || !column) return;
    event.preventDefault();
    column.classList.remove("drop-target");
    var card = dragged, from = columnOf(home), back = home, backNext = homeNext;
    dragged = null;
    card.classList.remove("dragging");
    var stageId = column.getAttribute("data-stage-id");
    if (stageId === card.getAttribute("data-stage-id")) return;
    column.querySelector(".cards").appendChild(card);
    count(from, -1);
    count(column, 1);
    card.classList.add("pending");
    message.hidden = true;
    function snapBack() {
      back.insertBefore(card, backNext && backNext.parentNode === back ? backNext : null);
      count(column, -1);
      count(from, 1);
      card.classList.remove("pending");
      var link = card.querySelector("a");
      if (link) link.focus();
    }
    var id = card.getAttribute("data-opportunity-id");
    fetch("/api/v1/opportunities/" + encodeURIComponent(id) + "/advance", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": meta ? meta.content : "" },
      body: JSON.stringify({ stageId: stageId })
    }).then(function (response) {
      if (response.ok) {
        card.setAttribute("data-stage-id", stageId);
        // The totals and the next-stage buttons come from the server: show the board again.
        window.location.reload();
        return null;
      }
      return response.json().catch(function () { return {}; }).then(function (problem) {
        snapBack();
        if (response.status === 401) {
          say("Not moved: you are no longer signed in. Reload the page and sign in again.");
        } else if (problem.unmet && problem.unmet.length) {
          // The detail restates the list; say it once, as the list.
          say("Not moved: the stage cannot be entered yet.", problem.unmet);
        } else {
          say("Not moved: " + (problem.detail || "the server refused the move."));
        }
      });
    }).catch(function () {
      snapBack();
      say("Not moved: the server could not be reached. Try again.");
    });
  });
})();
