// The QR pay page asks for its payment's status every two seconds and shows when it is paid.
// A file, not inline script: the pages' Content-Security-Policy.
(function () {
  var page = document.getElementById("qr-pay");
  var status = document.getElementById("status");
  if (!page || !status) {
    return;
  }
  var labels = {
    PENDING: "待支付 PENDING",
    PAID: "已支付 PAID",
    PARTIALLY_REFUNDED: "部分退款 PARTIALLY_REFUNDED",
    REFUNDED: "已全额退款 REFUNDED",
    CLOSED: "已关闭 CLOSED"
  };
  function show(value) {
    status.textContent = labels[value] || value;
    status.className = "status status-" + value;
    if (value !== "PENDING") {
      var qr = document.getElementById("qr");
      if (qr) {
        qr.remove();
      }
    }
  }
  function ask() {
    fetch(page.dataset.statusUrl, { headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (reply) { return reply.ok ? reply.json() : null; })
      .then(function (answer) {
        if (answer) {
          show(answer.status);
          if (answer.status !== "PENDING") {
            return;
          }
        }
        setTimeout(ask, 2000);
      })
      .catch(function () { setTimeout(ask, 5000); });
  }
  setTimeout(ask, 2000);
})();
