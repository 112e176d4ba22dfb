/* Before printing, redraw every plotly chart at the printed page's width (its
   width on screen would be cut or shrunk); after printing, back to the screen. */
(function () {
  "use strict";
  var MM = 96 / 25.4; // CSS pixels per millimetre
  function printableWidth() {
    var wide = document.querySelector("th.orderable");
    return Math.floor(((wide ? 297 - 20 : 210 - 24) - 2) * MM);
  }
  function charts() {
    return window.Plotly ? document.querySelectorAll(".js-plotly-plot") : [];
  }
  function toPrint() {
    var width = printableWidth();
    charts().forEach(function (element) {
      var small = element.closest(".card");
      window.Plotly.relayout(element, { width: small ? Math.floor(width / 2) - 30 : width, autosize: false });
    });
  }
  function toScreen() {
    charts().forEach(function (element) {
      window.Plotly.relayout(element, { width: null, autosize: true });
    });
  }
  window.hongshanPrintLayout = toPrint;
  window.addEventListener("beforeprint", toPrint);
  window.addEventListener("afterprint", toScreen);
  if (window.matchMedia) {
    window.matchMedia("print").addEventListener("change", function (event) {
      if (event.matches) { toPrint(); } else { toScreen(); }
    });
  }
})();
