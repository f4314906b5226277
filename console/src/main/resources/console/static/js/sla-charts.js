// The SLA screen's charts (issue 17, screen 6), drawn with ECharts from the figures the page carries in its
// data-series attributes: the same numbers as the tables beside them. A file of its own: the Content-Security-Policy
// admits no inline script.
(function () {
  'use strict';

  function bars(el, data) {
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 32, bottom: 48, containLabel: true },
      xAxis: { type: 'category', data: data.labels, axisLabel: { interval: 0, rotate: data.labels.length > 6 ? 30 : 0 } },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }
      ],
      series: [
        { id: 'met', name: el.dataset.metLabel, type: 'bar', stack: 'due', data: data.met },
        { id: 'breached', name: el.dataset.breachedLabel, type: 'bar', stack: 'due', data: data.breached },
        { id: 'compliance', name: el.dataset.complianceLabel, type: 'line', yAxisIndex: 1, data: data.compliance }
      ]
    };
  }

  function line(el, data) {
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 32, bottom: 48, containLabel: true },
      xAxis: { type: 'category', data: data.days },
      yAxis: [
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        { type: 'value', minInterval: 1 }
      ],
      series: [
        { id: 'compliance', name: el.dataset.complianceLabel, type: 'line', connectNulls: false, data: data.compliance },
        { id: 'due', name: el.dataset.dueLabel, type: 'bar', yAxisIndex: 1, data: data.due }
      ]
    };
  }

  function draw() {
    if (typeof echarts === 'undefined') {
      return;
    }
    document.querySelectorAll('[data-chart]').forEach(function (el) {
      var data = JSON.parse(el.dataset.series);
      var option = el.dataset.chart === 'line' ? line(el, data) : bars(el, data);
      var chart = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: 'canvas' });
      chart.setOption(option, true);
      el.dataset.drawn = 'true';
    });
    window.addEventListener('resize', function () {
      document.querySelectorAll('[data-chart]').forEach(function (el) {
        var chart = echarts.getInstanceByDom(el);
        if (chart) {
          chart.resize();
        }
      });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
