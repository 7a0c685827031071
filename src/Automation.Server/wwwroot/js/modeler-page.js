// Modeler page: loads the diagram into the modeler bundle, validates it on the server ("Prüfen") and publishes it
// ("Veröffentlichen"), showing the server's diagnostics on the diagram and as a list.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('modeler-data').textContent);
  var token = document.getElementById('antiforgery').value;
  var statusBox = document.getElementById('modeler-status');
  var notice = document.getElementById('modeler-notice');
  var list = document.getElementById('diagnostics');
  var validateButton = document.getElementById('validate-button');
  var publishButton = document.getElementById('publish-button');

  function setStatus(text) {
    statusBox.textContent = text;
    statusBox.hidden = false;
  }

  function fail(text) {
    notice.textContent = text;
    notice.hidden = false;
  }

  function failWithLink(before, linkText, href, after) {
    var link = document.createElement('a');
    link.href = href;
    link.textContent = linkText;
    notice.textContent = '';
    notice.append(before, link, after);
    notice.hidden = false;
  }

  function renderDiagnostics(diagnostics) {
    list.textContent = '';
    if (!diagnostics.length) {
      var none = document.createElement('li');
      none.textContent = Texte('KeineBefunde');
      list.appendChild(none);
      return;
    }
    diagnostics.forEach(function (d) {
      var item = document.createElement('li');
      item.className = 'diagnostic-' + d.severity;
      var text = Texte(d.severity === 'error' ? 'Fehler' : d.severity === 'warning' ? 'Warnung' : 'Hinweis') + ': ' + d.message;
      if (d.elementId) text += d.label ? Texte('BefundElementMitName', d.label, d.elementId) : Texte('BefundElement', d.elementId);
      if (d.line) text += Texte('BefundZeile', d.line);
      item.textContent = text;
      list.appendChild(item);
    });
  }

  function post(url, xml) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/xml', 'Accept': 'application/json', 'RequestVerificationToken': token },
      body: xml
    });
  }

  if (!window.AutomationModeler) {
    validateButton.disabled = true;
    publishButton.disabled = true;
    fail(Texte('ModelerNichtGeladen'));
    return;
  }

  var xml = data.xml || window.AutomationModeler.emptyDiagram();
  window.AutomationModeler.create(document.getElementById('canvas'), document.getElementById('properties'), xml,
    { elementTemplates: data.elementTemplates || [] })
    .then(function (modeler) {
      document.dispatchEvent(new CustomEvent('modeler-ready', { detail: modeler }));

      function show(diagnostics) {
        renderDiagnostics(diagnostics);
        modeler.showDiagnostics(diagnostics.map(function (d) {
          return { elementId: d.elementId, message: d.message, severity: d.severity };
        }));
      }

      validateButton.addEventListener('click', function () {
        notice.hidden = true;
        modeler.getXml()
          .then(function (text) { return post('/api/definitions/validate?fileName=' + encodeURIComponent(modeler.fileName()), text); })
          .then(function (response) {
            if (!response.ok) throw new Error(Texte('PruefungFehlgeschlagenHttp', response.status));
            return response.json();
          })
          .then(function (result) {
            // The check is publishing's own: register gaps block publishing here too.
            show(result.diagnostics);
            setStatus(Texte(result.publishable ? 'GeprueftKeineFehler'
              : result.valid ? 'GeprueftGesperrt'
                : 'GeprueftDefinitionFehler'));
          })
          .catch(function (error) { fail(error.message); });
      });

      publishButton.addEventListener('click', function () {
        notice.hidden = true;
        var saved = modeler.savedAt();
        modeler.getXml()
          .then(function (text) {
            // The draft being edited (modeler-drafts.js keeps its id there) is deleted by the server once published.
            var draft = document.getElementById('draft-status').dataset.draftId;
            return post('/api/definitions?publish=true&fileName=' + encodeURIComponent(modeler.fileName())
              + (draft ? '&draftId=' + encodeURIComponent(draft) : ''), text);
          })
          .then(function (response) {
            return response.json().then(function (body) { return { status: response.status, body: body }; });
          })
          .then(function (result) {
            if (result.status === 201) {
              saved();
              document.dispatchEvent(new CustomEvent('modeler-published'));
              show(result.body.diagnostics || []);
              setStatus(Texte('Veroeffentlicht', result.body.versions.map(function (v) {
                return Texte('Version', v.processId, v.version);
              }).join(', ')));
            } else if (result.status === 422 && result.body.missing) {
              // Stored unpublished: the register of that version must be filled in first (/register/<id>).
              show(result.body.diagnostics);
              failWithLink(Texte('RegisterUnvollstaendigVor'),
                Texte('RegisterUnvollstaendigLink'), '/register/' + encodeURIComponent(result.body.missing[0].definitionId), '.');
            } else if (result.status === 422 && result.body.diagnostics) {
              show(result.body.diagnostics);
              fail(Texte('NichtVeroeffentlichtFehler'));
            } else {
              fail(Texte('NichtVeroeffentlicht', result.body.detail || result.body.title || ('HTTP ' + result.status)));
            }
          })
          .catch(function (error) { fail(error.message); });
      });
    })
    .catch(function (error) {
      fail(Texte('DiagrammNichtGeladen', error && error.message ? error.message : String(error)));
    });
})();
