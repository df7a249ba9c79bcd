/* global echarts */
// The overview's chart (OverviewPage/section.jelly): tasks and fixes of the last 30 days per folder,
// stacked by outcome. Drawn with the ECharts of the echarts-api plugin; the table beside it carries
// the same numbers, so the page says everything without JavaScript.
(function () {
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function color(name, fallback) {
    return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
  }

  function render(element) {
    const data = JSON.parse(element.getAttribute('data-chart'));
    const series = [
      { key: 'succeeded', name: 'Succeeded', color: color('--success-color', '#1ea64b') },
      { key: 'failed', name: 'Failed', color: color('--error-color', '#e6001f') },
      { key: 'aborted', name: 'Aborted', color: color('--text-color-secondary', '#9aa0a6') },
      { key: 'running', name: 'Running', color: color('--accent-color', '#2a7fff') }
    ];
    const chart = echarts.init(element, null, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      textStyle: { color: color('--text-color', '#333') },
      tooltip: {
        trigger: 'axis',
        // Folder names come from users: escaped here, since a tooltip is HTML.
        formatter: function (points) {
          return [escapeHtml(points[0].name)].concat(points.map(function (p) {
            return escapeHtml(p.seriesName) + ': ' + Number(p.value);
          })).join('<br/>');
        }
      },
      legend: { bottom: 0, textStyle: { color: color('--text-color', '#333') } },
      grid: { left: 40, right: 16, top: 16, bottom: 56, containLabel: true },
      xAxis: { type: 'category', data: data.folders, axisLabel: { interval: 0, overflow: 'truncate', width: 120 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map(function (s) {
        return { name: s.name, type: 'bar', stack: 'outcome', data: data[s.key], itemStyle: { color: s.color } };
      })
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('.codegen-overview-chart').forEach(render);
  });
})();
