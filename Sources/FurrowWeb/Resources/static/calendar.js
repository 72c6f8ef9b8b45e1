// The calendar's drag and drop (week and day views): an activity dropped on another hour (or,
// for an all-day one, another day) is moved by the server, keeping its length; a refusal puts
// it back and says why. Without this file, an activity's edit form changes its time.
(function () {
  "use strict";
  var grid = document.querySelector(".calendar-days");
  if (!grid) return;
  var meta = document.querySelector('meta[name="csrf-token"]');
  var message = document.getElementById("calendar-message");
  var status = document.getElementById("calendar-status");
  var dragged = null;
  var home = null;
  var homeNext = null;

  function slotFor(node) {
    var slot = node && node.closest ? node.closest("td.slot[data-start]") : null;
    if (!slot || !dragged) return null;
    // Timed activities go to hours, all-day ones to days.
    var allDay = dragged.getAttribute("data-all-day") === "true";
    return (slot.getAttribute("data-all-day") === "true") === allDay ? slot : null;
  }

  function say(text) {
    message.textContent = text;
    message.hidden = false;
  }

  grid.addEventListener("dragstart", function (event) {
    var card = event.target.closest ? event.target.closest(".cal-card[draggable='true']") : null;
    if (!card) return;
    dragged = card;
    home = card.parentNode;
    homeNext = card.nextSibling;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.getAttribute("data-entry-id"));
    card.classList.add("dragging");
  });

  grid.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    grid.querySelectorAll(".drop-target").forEach(function (s) { s.classList.remove("drop-target"); });
  });

  grid.addEventListener("dragover", function (event) {
    var slot = slotFor(event.target);
    if (!slot) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    slot.classList.add("drop-target");
  });

  grid.addEventListener("dragleave", function (event) {
    var slot = slotFor(event.target);
    if (slot && !slot.contains(event.relatedTarget)) slot.classList.remove("drop-target");
  });

  grid.addEventListener("drop", function (event) {
    var slot = slotFor(event.target);
    if (!slot) return;
    event.preventDefault();
    slot.classList.remove("drop-target");
    var card = dragged, back = home, backNext = homeNext;
    dragged = null;
    card.classList.remove("dragging");
    if (slot === back) return;
    var allDay = card.getAttribute("data-all-day") === "true";
    // A timed activity starts on the hour it is dropped on; an all-day one keeps its time on the new day.
    var start = allDay ? slot.getAttribute("data-start").slice(0, 10) + card.getAttribute("data-start").slice(10)
                       : slot.getAttribute("data-start");
    slot.appendChild(card);
    card.classList.add("pending");
    message.hidden = true;
    function snapBack() {
      back.insertBefore(card, backNext && backNext.parentNode === back ? backNext : null);
      card.classList.remove("pending");
      var link = card.querySelector("a");
      if (link) link.focus();
    }
    var body = new URLSearchParams();
    body.set("_csrf", meta ? meta.content : "");
    body.set("start", start);
    fetch("/activities/" + encodeURIComponent(card.getAttribute("data-entry-id")) + "/move", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
      body: body
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      var read = /json/.test(type) ? response.json() : Promise.resolve({});
      return read.catch(function () { return {}; }).then(function (answer) {
        // A signed-out session is sent to the sign-in page: that is no move.
        if (response.ok && !response.redirected && /json/.test(type)) {
          card.classList.remove("pending");
          card.setAttribute("data-start", answer.start || start);
          var time = card.querySelector(".cal-time");
          if (time && answer.time) time.textContent = answer.time;
          status.textContent = "Moved “" + (card.querySelector(".cal-title") || card).textContent.trim() + "” to " + (answer.when || start) + ".";
          return;
        }
        snapBack();
        if (response.status === 401 || response.redirected) {
          say("Not moved: you are no longer signed in. Reload the page and sign in again.");
        } else {
          say("Not moved: " + (answer.detail || "the server refused the move."));
        }
      });
    }).catch(function () {
      snapBack();
      say("Not moved: the server could not be reached. Try again.");
    });
  });
})();
