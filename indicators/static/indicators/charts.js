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
    Plotly.newPlot(element, spec.data, spec.layout, config).then(function () {
      element.setAttribute("data-drawn", "true");
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
