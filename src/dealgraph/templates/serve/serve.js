// dealgraph serve: line numbers for the query editor, Ctrl+Enter to run. No network, no eval.
(function () {
  "use strict";
  var area = document.getElementById("query");
  var gutter = document.getElementById("gutter");
  if (!area || !gutter) { return; }
  function lines() {
    var n = area.value.split("\n").length;
    var out = [];
    for (var i = 1; i <= n; i++) { out.push(String(i)); }
    gutter.textContent = out.join("\n");
    gutter.scrollTop = area.scrollTop;
  }
  area.addEventListener("input", lines);
  area.addEventListener("scroll", function () { gutter.scrollTop = area.scrollTop; });
  area.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      document.getElementById("query-form").submit();
    }
    if (event.key === "Tab" && !event.shiftKey) {
      event.preventDefault();
      var start = area.selectionStart;
      area.setRangeText("  ", start, area.selectionEnd, "end");
      lines();
    }
  });
  lines();
})();
