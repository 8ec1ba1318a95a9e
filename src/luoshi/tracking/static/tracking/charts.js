// Dashboard charts. They are hidden from screen readers: the table beside each has the numbers.
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var colors = ["#2e7d32", "#1565c0", "#00897b", "#f9a825", "#c62828", "#757575"];
  var box = document.getElementById("chart-sections");
  var chart = echarts.init(box);
  // Section names take at most a third of the chart's width (a phone keeps room for the bars).
  var labelWidth = Math.max(70, Math.min(140, Math.round(box.clientWidth / 3)));
  chart.setOption({
    color: colors,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { data: data.statuses, bottom: 0 },
    grid: { left: 8, right: 8, top: 8, bottom: box.clientWidth < 500 ? 56 : 40, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: data.sections, inverse: true,
             axisLabel: { width: labelWidth, overflow: "truncate" } },
    series: data.statuses.map(function (name, i) {
      return { name: name, type: "bar", stack: "all", data: data.by_section[i] };
    }),
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
