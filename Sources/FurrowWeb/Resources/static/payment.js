// The payment form's suggestions while typing: the amount is spread over the open invoices in
// the order the server listed them (the invoice the form was opened for, then the oldest due),
// each up to its balance, in the payment's currency only. Convenience only: "Suggest from the
// amount" does the same on the server, and the server checks every allocation.
(function () {
  "use strict";
  var form = document.getElementById("payment-form");
  if (!form || typeof BigInt !== "function") return;
  var amount = document.getElementById("f-amount"), currency = document.getElementById("f-currency");
  var rows = Array.prototype.slice.call(form.querySelectorAll("tr.allocation"));
  if (!amount || !currency || rows.length === 0) return;

  function power(digits) {
    var result = BigInt(1);
    for (var i = 0; i < digits; i++) result *= BigInt(10);
    return result;
  }

  // "12.5", 2 → 1250n; anything unreadable (or too many decimals) → null.
  function minor(text, digits) {
    var match = /^(\d{1,15})(?:\.(\d+))?$/.exec((text || "").replace(/[\s,]/g, ""));
    if (!match || (match[2] || "").length > digits) return null;
    return BigInt(match[1]) * power(digits) + BigInt(((match[2] || "") + "0".repeat(digits)).slice(0, digits) || "0");
  }

  // 1250n, 2 → "12.50"
  function text(value, digits) {
    var s = value.toString();
    if (digits === 0) return s;
    while (s.length <= digits) s = "0" + s;
    return s.slice(0, -digits) + "." + s.slice(-digits);
  }

  function suggest() {
    var code = currency.value.trim().toUpperCase();
    var matching = rows.filter(function (row) { return row.getAttribute("data-currency") === code; });
    if (matching.length === 0) return;
    var digits = parseInt(matching[0].getAttribute("data-digits"), 10) || 0;
    var left = minor(amount.value, digits);
    if (left === null) return;
    rows.forEach(function (row) {
      var input = row.querySelector(".allocation-amount");
      if (row.getAttribute("data-currency") !== code) { input.value = ""; return; }
      var balance = BigInt(row.getAttribute("data-balance"));
      var part = left < balance ? left : balance;
      input.value = part > BigInt(0) ? text(part, digits) : "";
      left -= part;
    });
  }

  amount.addEventListener("input", suggest);
  currency.addEventListener("change", suggest);
})();
