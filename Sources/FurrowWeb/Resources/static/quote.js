// The quote editor's live totals: works out each line and the document totals while typing,
// with the server's rules (exact decimals, half-even rounding to the currency's minor unit per
// line, tax on the rounded net). Display only: the server prices the document when it is saved,
// and the editor works without this file.
(function () {
  "use strict";
  var form = document.getElementById("quote-form");
  if (!form || typeof BigInt !== "function") return;
  var SCALE = BigInt(1000000);
  var HUNDRED = BigInt(100) * SCALE;
  var list = document.getElementById("f-priceListId");

  // "12.5" → 12500000n; "" → null; anything else → undefined.
  function micros(text) {
    text = (text || "").replace(/\s/g, "");
    if (text === "") return null;
    var match = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(text);
    if (!match) return undefined;
    return BigInt(match[1]) * SCALE + BigInt(((match[2] || "") + "000000").slice(0, 6));
  }

  function halfEven(value, divisor) {
    var quotient = value / divisor, twice = (value % divisor) * BigInt(2);
    if (twice > divisor || (twice === divisor && quotient % BigInt(2) === BigInt(1))) quotient += BigInt(1);
    return quotient;
  }

  function power(digits) {
    var result = BigInt(1);
    for (var i = 0; i < digits; i++) result *= BigInt(10);
    return result;
  }

  // 123456n, 2 → "1,234.56"
  function format(minor, digits) {
    var text = minor.toString();
    if (digits > 0) {
      while (text.length <= digits) text = "0" + text;
      text = text.slice(0, -digits) + "." + text.slice(-digits);
    }
    var parts = text.split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return parts.join(".");
  }

  function currency() {
    var option = list && list.selectedOptions[0];
    if (option && option.value && option.getAttribute("data-digits") !== "-1") {
      return { code: option.getAttribute("data-currency"), digits: parseInt(option.getAttribute("data-digits"), 10) };
    }
    return { code: form.getAttribute("data-currency"), digits: parseInt(form.getAttribute("data-digits"), 10) || 0 };
  }

  function prices() {
    var option = list && list.selectedOptions[0], map = {};
    if (!option || !option.value) return null;
    (option.getAttribute("data-prices") || "").split(";").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at > 0) map[pair.slice(0, at)] = pair.slice(at + 1);
    });
    return map;
  }

  // One row: its price, or a note saying why it has none; null for an empty row.
  function line(row, map, money) {
    var product = row.querySelector(".line-product"), priceInput = row.querySelector(".line-price");
    var productId = product.value, description = row.querySelector(".line-description").value.trim();
    var price;
    priceInput.disabled = !!productId;
    priceInput.placeholder = "";
    if (productId) {
      if (!map) return { note: "needs a price list" };
      if (!(productId in map)) return { note: "not on the price list" };
      price = micros(map[productId]);
      priceInput.placeholder = format(halfEven(price * power(money.digits), SCALE), money.digits);
    } else {
      price = micros(priceInput.value);
      if (price === null && !description && !row.querySelector(".line-discount").value.trim()) return null;
      if (price === null) return { note: "needs a unit price" };
    }
    var quantity = micros(row.querySelector(".line-quantity").value);
    if (quantity === null) quantity = SCALE;
    var discount = micros(row.querySelector(".line-discount").value);
    if (discount === null) discount = BigInt(0);
    if (price === undefined || quantity === undefined || discount === undefined || discount > HUNDRED) return { note: "check the numbers" };
    var taxOption = row.querySelector(".line-tax").selectedOptions[0];
    var taxText = taxOption && taxOption.value ? taxOption.getAttribute("data-percent")
      : (productId ? product.selectedOptions[0].getAttribute("data-tax") : "0");
    var tax = micros(taxText) || BigInt(0);
    var minor = power(money.digits), product12 = quantity * price;
    var gross = halfEven(product12 * minor, SCALE * SCALE);
    var net = halfEven(product12 * (HUNDRED - discount) * minor, SCALE * SCALE * HUNDRED);
    var taxAmount = halfEven(net * tax, HUNDRED);
    return { gross: gross, discount: gross - net, net: net, tax: taxAmount, total: net + taxAmount };
  }

  function recompute() {
    var money = currency(), map = prices();
    var sums = { discount: BigInt(0), net: BigInt(0), tax: BigInt(0), total: BigInt(0) };
    var suffix = money.code ? " " + money.code : "";
    form.querySelectorAll("tr.quote-line").forEach(function (row) {
      var result = line(row, map, money);
      var total = row.querySelector(".line-total"), detail = row.querySelector(".line-detail");
      if (!result) { total.textContent = ""; detail.textContent = ""; return; }
      if (result.note) { total.textContent = "—"; detail.textContent = result.note; return; }
      total.textContent = format(result.total, money.digits) + suffix;
      detail.textContent = "net " + format(result.net, money.digits) + " + tax " + format(result.tax, money.digits)
        + (result.discount > BigInt(0) ? " (discount " + format(result.discount, money.digits) + ")" : "");
      ["discount", "net", "tax", "total"].forEach(function (key) { sums[key] += result[key]; });
    });
    document.getElementById("quote-discount").textContent = format(sums.discount, money.digits) + suffix;
    document.getElementById("quote-subtotal").textContent = format(sums.net, money.digits) + suffix;
    document.getElementById("quote-tax").textContent = format(sums.tax, money.digits) + suffix;
    document.getElementById("quote-total").textContent = format(sums.total, money.digits) + suffix;
  }

  form.querySelectorAll(".live-totals").forEach(function (node) { node.hidden = false; });
  form.addEventListener("input", recompute);
  form.addEventListener("change", recompute);
  recompute();
})();
