// The dashboard's chart of daily paid volume, drawn from the page's own table of days (which
// stays the accessible copy of the same figures). A file, not inline script: the pages' CSP.
(function () {
  var target = document.getElementById("daily-chart");
  var rows = document.querySelectorAll("#daily-volume tr[data-day]");
  if (!target || !rows.length || typeof uPlot === "undefined") {
    return;
  }
  var days = [];
  var volume = [];
  rows.forEach(function (row) {
    days.push(Date.parse(row.dataset.day + "T00:00:00") / 1000);
    volume.push(Number(row.dataset.volume));
  });
  var chart = new uPlot(
    {
      width: target.clientWidth,
      height: 220,
      series: [
        {},
        { label: "元 CNY", stroke: "#1677ff", fill: "rgba(22,119,255,0.12)", width: 2 }
      ],
      axes: [{}, { values: function (u, ticks) { return ticks.map(function (v) { return v + " 元"; }); } }],
      legend: { show: false }
    },
    [days, volume],
    target
  );
  target.dataset.drawn = "true";
  window.addEventListener("resize", function () {
    chart.setSize({ width: target.clientWidth, height: 220 });
  });
})();
