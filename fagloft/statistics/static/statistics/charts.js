// Draws each indicator's time series with Chart.js from the JSON the page embeds (json_script).
// The data table beside each chart carries the same numbers, so nothing depends on this script.
(function () {
  "use strict";
  var styles = [
    { color: "#08519c", dash: [], point: "circle" },
    { color: "#b35806", dash: [6, 4], point: "rect" },
    { color: "#1b7837", dash: [2, 3], point: "triangle" },
    { color: "#762a83", dash: [10, 4, 2, 4], point: "rectRot" }
  ];
  function draw(figure) {
    var source = document.getElementById(figure.dataset.chart);
    if (!source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    figure.hidden = false;
    new Chart(figure.querySelector("canvas"), {
      type: "line",
      data: {
        labels: data.labels,
        datasets: data.datasets.map(function (set, index) {
          var style = styles[index % styles.length];
          return { label: set.label, data: set.data, borderColor: style.color, backgroundColor: style.color,
                   borderDash: style.dash, pointStyle: style.point, pointRadius: 4, spanGaps: true };
        })
      },
      options: {
        // Axis and tooltip numbers in the page's language (28,9 in Norwegian), not the browser's.
        locale: document.documentElement.lang || "nb",
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { labels: { usePointStyle: true } } },
        scales: { y: { title: { display: true, text: data.unit } } }
      }
    });
  }
  function init() { document.querySelectorAll("figure[data-chart]").forEach(draw); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
