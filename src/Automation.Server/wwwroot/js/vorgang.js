// Case detail page: draws the case's diagram with the viewer bundle and highlights active, completed and failed nodes.
// The history beside it is plain HTML, so the page stays useful when the bundle did not load.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('case-data').textContent);
  var container = document.getElementById('diagram');
  var notice = document.getElementById('diagram-notice');

  function show(text) {
    notice.textContent = text;
    notice.hidden = false;
  }

  if (!data.xml) {
    container.hidden = true;
    show(Texte('VorgangOhneDiagramm'));
    return;
  }
  if (!window.AutomationViewer) {
    container.hidden = true;
    show(Texte('VorgangDiagrammNichtGeladen'));
    return;
  }
  window.AutomationViewer.show(container, data.xml, {
    processId: data.processId,
    active: data.active,
    completed: data.completed,
    failed: data.failed
  }).then(function () {
    container.setAttribute('data-rendered', 'true');
  }).catch(function (error) {
    show(Texte('DiagrammNichtAngezeigt', error && error.message ? error.message : String(error)));
  });
})();
