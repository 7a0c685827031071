// Process dashboard: the diagram with one coloured overlay per node for the chosen metric (yellow = low, red = high).
// Figures come from the page (suppressed nodes are absent); the tables below show the same numbers without script.
(function () {
  'use strict';
  var container = document.getElementById('diagram');
  if (!container) return;
  var data = JSON.parse(document.getElementById('heat-data').textContent);
  var xml = document.getElementById('heat-xml').textContent;
  var notice = document.getElementById('diagram-notice');
  var units = { duration: 'min', waiting: 'min', staff: 'min', carbon: 'g' };

  function show(text) { notice.textContent = text; notice.hidden = false; }

  if (!xml) { container.hidden = true; show(Texte('ProzessOhneDiagramm')); return; }
  if (!window.AutomationViewer) { container.hidden = true; show(Texte('HeatmapNichtGeladen')); return; }

  function paint(viewer, metric) {
    var overlays = viewer.get('overlays');
    var registry = viewer.get('elementRegistry');
    overlays.remove({ type: 'heat' });
    var values = Object.keys(data.nodes).map(function (id) { return data.nodes[id][metric]; }).filter(function (v) { return v !== null && v !== undefined; });
    var max = Math.max.apply(null, values.concat([0]));
    Object.keys(data.nodes).forEach(function (id) {
      var value = data.nodes[id][metric];
      var element = registry.get(id);
      if (value === null || value === undefined || !element) return;
      var share = max > 0 ? value / max : 0;
      var hue = Math.round(60 - 60 * share);
      var html = document.createElement('div');
      html.className = 'heat';
      html.style.width = element.width + 'px';
      html.style.height = element.height + 'px';
      html.style.background = 'hsl(' + hue + ', 90%, 50%)';
      var label = document.createElement('span');
      label.className = 'heat-label';
      label.textContent = value.toLocaleString('de-DE', { maximumFractionDigits: 1 }) + ' ' + units[metric];
      html.appendChild(label);
      overlays.add(id, 'heat', { position: { top: 0, left: 0 }, html: html });
    });
    container.setAttribute('data-metric', metric);
  }

  window.AutomationViewer.show(container, xml, { processId: data.processId }).then(function (result) {
    var metricInputs = document.querySelectorAll('#heat-metric input[name="metric"]');
    metricInputs.forEach(function (input) {
      input.addEventListener('change', function () { if (input.checked) paint(result.viewer, input.value); });
    });
    paint(result.viewer, 'duration');
    container.setAttribute('data-rendered', 'true');
  }).catch(function (error) {
    show(Texte('DiagrammNichtAngezeigt', error && error.message ? error.message : String(error)));
  });
})();
