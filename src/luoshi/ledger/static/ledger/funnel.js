// The ledger funnel: one bar group per county or district. It is hidden from screen readers:
// the table beside it has the numbers.
(function () {
  var data = JSON.parse(document.getElementById("funnel-data").textContent);
  var chart = echarts.init(document.getElementById("chart-funnel"));
  chart.setOption({
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { data: data.stages, bottom: 0 },
    grid: { left: 8, right: 8, top: 8, bottom: 40, containLabel: true },
    xAxis: { type: "category", data: data.lines.map(function (l) { return l.name; }) },
    yAxis: { type: "value", minInterval: 1 },
    series: data.stages.map(function (stage, i) {
      return { name: stage, type: "bar", data: data.lines.map(function (l) { return l.counts[i]; }) };
    }),
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
