// A signature drawn with a finger, a pen or the mouse on the customer's quote page: the strokes
// go into the form as a PNG when it is sent (nothing when nothing was drawn).
(function () {
  "use strict";
  var pad = document.getElementById("signature-pad"), data = document.getElementById("signature-data");
  var form = document.getElementById("accept-form");
  if (!pad || !data || !form) return;
  var context = pad.getContext("2d"), drawing = false, drawn = false;
  context.lineWidth = 2.5;
  context.lineCap = "round";
  context.strokeStyle = "#1b2a3a";
  function point(event) {
    var box = pad.getBoundingClientRect();
    return { x: (event.clientX - box.left) * pad.width / box.width, y: (event.clientY - box.top) * pad.height / box.height };
  }
  pad.addEventListener("pointerdown", function (event) {
    drawing = true;
    pad.setPointerCapture(event.pointerId);
    var p = point(event);
    context.beginPath();
    context.moveTo(p.x, p.y);
    event.preventDefault();
  });
  pad.addEventListener("pointermove", function (event) {
    if (!drawing) return;
    var p = point(event);
    context.lineTo(p.x, p.y);
    context.stroke();
    drawn = true;
    event.preventDefault();
  });
  pad.addEventListener("pointerup", function () { drawing = false; });
  document.getElementById("signature-clear").addEventListener("click", function () {
    context.clearRect(0, 0, pad.width, pad.height);
    drawn = false;
  });
  form.addEventListener("submit", function () { data.value = drawn ? pad.toDataURL("image/png") : ""; });
})();
