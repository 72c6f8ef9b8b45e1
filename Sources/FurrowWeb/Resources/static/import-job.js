// An import's page while it runs: asks the API for the job every second, moves the bar, and
// loads the page again (with the report) when the import ends. Without this file the page
// shows the progress of when it was loaded; reloading it shows more.
(function () {
  "use strict";
  var box = document.getElementById("import-running");
  if (!box || !window.fetch) return;
  var bar = document.getElementById("import-progress");
  var text = document.getElementById("import-progress-text");
  function group(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function poll() {
    fetch(box.getAttribute("data-api"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (job) {
        if (!job) { setTimeout(poll, 3000); return; }
        if (job.status !== "running") { window.location.reload(); return; }
        bar.max = Math.max(1, job.rowsTotal);
        bar.value = job.rowsDone;
        bar.textContent = Math.floor(job.rowsDone * 100 / Math.max(1, job.rowsTotal)) + "%";
        text.textContent = group(job.rowsDone) + " of " + group(job.rowsTotal) + " rows";
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
