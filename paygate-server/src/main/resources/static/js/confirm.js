// Forms that move money or end a payment ask first: a form with data-confirm submits only once the
// person agrees. A file, not inline script: the pages' CSP allows no inline handlers.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (!question) {
    return;
  }
  var amount = form.querySelector("[data-confirm-amount]");
  if (amount && amount.value) {
    question = question + " " + amount.value + " 元";
  }
  if (!window.confirm(question)) {
    event.preventDefault();
  }
});
