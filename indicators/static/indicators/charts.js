// Draws the plotly specs that the server embeds with json_script.
// Sparklines are drawn when they scroll into view, so a long dashboard stays quick.
(function () {
  "use strict";
  var config = { displayModeBar: false, responsive: true };

  ["indicator-chart", "continuity-chart"].forEach(function (id) {
    var element = document.getElementById(id);
    var specElement = document.getElementById(id + "-spec");
    if (!element || !specElement) return;
    var spec = JSON.parse(specElement.textContent);
    Plotly.newPlot(element, spec.data, spec.layout, spec.config || config).then(function () {
      element.setAttribute("data-drawn", "true");
    });
  });

  // 下载图表: PNG or SVG, drawn in the browser by plotly.min.js (no request off the host).
  document.querySelectorAll("button.chart-download").forEach(function (button) {
    button.addEventListener("click", function () {
      var element = document.getElementById(button.getAttribute("data-chart"));
      var specElement = document.getElementById(button.getAttribute("data-chart") + "-spec");
      if (!element || !specElement || !element.getAttribute("data-drawn")) return;
      var options = (JSON.parse(specElement.textContent).config || {}).toImageButtonOptions || {};
      var format = button.getAttribute("data-format");
      Plotly.downloadImage(element, {
        format: format,
        filename: options.filename || "chart",
        width: options.width,
        height: options.height,
        scale: format === "svg" ? 1 : options.scale || 2
      });
    });
  });

  var sparkData = document.getElementById("sparklines");
  if (!sparkData) return;
  var specs = JSON.parse(sparkData.textContent);
  var draw = function (element) {
    var sparkSpec = specs[element.getAttribute("data-chart")];
    if (!sparkSpec || element.getAttribute("data-drawn")) return;
    element.setAttribute("data-drawn", "pending");
    if (sparkSpec.data.length === 0) {
      element.textContent = "暂无可绘制的数值";
      element.classList.add("empty");
      element.setAttribute("data-drawn", "empty");
      return;
    }
    Plotly.newPlot(element, sparkSpec.data, sparkSpec.layout, { staticPlot: true, responsive: true })
      .then(function () { element.setAttribute("data-drawn", "true"); });
  };
  var elements = document.querySelectorAll(".sparkline[data-chart]");
  if (!("IntersectionObserver" in window)) {
    elements.forEach(draw);
    return;
  }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        draw(entry.target);
        observer.unobserve(entry.target);
      }
    });
  }, { rootMargin: "200px" });
  elements.forEach(function (element) { observer.observe(element); });
})();
