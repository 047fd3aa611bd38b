// The cashier page: inside the Alipay app it opens JSAPI pay for the trade made for the buyer
// (AlipayJSBridge's tradePay, or the ap library's tradePay when the page loads it); inside WeChat
// it opens WeChat Pay's JSAPI pay (WeixinJSBridge's getBrandWCPayRequest with the signed
// parameters, once the bridge is ready); everywhere it asks for the payment's status every two
// seconds and shows when it is paid. WeChat's answer is no proof: only the status is.
// A file, not inline script: the pages' Content-Security-Policy.
(function () {
  var page = document.getElementById("checkout");
  var status = document.getElementById("status");
  if (!page || !status) {
    return;
  }
  var jsapi = document.getElementById("jsapi-way");
  function tradePay() {
    var tradeNo = jsapi.dataset.tradeNo;
    if (window.ap && window.ap.tradePay) {
      window.ap.tradePay({ tradeNO: tradeNo }, function () { ask(); });
    } else if (window.AlipayJSBridge) {
      window.AlipayJSBridge.call("tradePay", { tradeNO: tradeNo }, function () { ask(); });
    }
  }
  if (jsapi) {
    document.getElementById("jsapi-pay").addEventListener("click", tradePay);
    if (window.AlipayJSBridge) {
      tradePay();
    } else {
      document.addEventListener("AlipayJSBridgeReady", tradePay, false);
    }
  }
  var wxpay = document.getElementById("wxpay-way");
  function wxPay() {
    var params = JSON.parse(wxpay.dataset.payParams);
    window.WeixinJSBridge.invoke("getBrandWCPayRequest", params, function () { ask(); });
  }
  if (wxpay) {
    document.getElementById("wxpay-pay").addEventListener("click", function () {
      if (window.WeixinJSBridge) {
        wxPay();
      }
    });
    if (window.WeixinJSBridge && window.WeixinJSBridge.invoke) {
      wxPay();
    } else {
      document.addEventListener("WeixinJSBridgeReady", wxPay, false);
    }
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
      ["qr-way", "jsapi-way", "wxpay-way", "page-cashier", "wechat-qr", "alipay-qr"].forEach(function (id) {
        var gone = document.getElementById(id);
        if (gone) {
          gone.remove();
        }
      });
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
  if (status.textContent.indexOf("PENDING") >= 0) {
    setTimeout(ask, 2000);
  }
})();
