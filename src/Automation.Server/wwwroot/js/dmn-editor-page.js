// Decision editor page: dmn-js from the dmn-editor bundle; "Prüfen" (POST /api/decisions/check), the test run
// (POST /api/decisions/test-run) and "Veröffentlichen" through the decision upload (POST /api/definitions?publish=true),
// all with the page's anti-forgery token. Everything the server says is shown as text, never as HTML.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('editor-data').textContent);
  var token = document.getElementById('antiforgery').value;
  var statusBox = document.getElementById('editor-status');
  var notice = document.getElementById('editor-notice');
  var list = document.getElementById('diagnostics');
  var viewsList = document.getElementById('views');
  var checkButton = document.getElementById('check-button');
  var publishButton = document.getElementById('publish-button');
  var downloadButton = document.getElementById('download-button');
  var form = document.getElementById('testrun-form');
  var decisionSelect = document.getElementById('testrun-decision');
  var fields = document.getElementById('testrun-fields');
  var result = document.getElementById('testrun-result');
  var german = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 10 });

  function setStatus(text) { statusBox.textContent = text; statusBox.hidden = false; }
  function fail(text) { notice.textContent = text; notice.hidden = false; }
  function element(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (className) e.className = className;
    return e;
  }

  function request(url, body, contentType) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': contentType, 'Accept': 'application/json', 'RequestVerificationToken': token },
      body: body
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) { return { status: response.status, body: json }; });
    });
  }

  // A problem answer (400/403/422) in German: its detail, else its title.
  function problemText(answer) {
    if (answer.status === 403) return Texte('EntscheidungNichtErlaubt');
    return (answer.body && (answer.body.detail || answer.body.title)) || ('HTTP ' + answer.status);
  }

  var marked = [];
  function markRules(diagnostics) {
    marked.forEach(function (e) { e.classList.remove('dmn-diagnostic-error'); });
    marked = [];
    diagnostics.forEach(function (d) {
      if (d.severity !== 'error' || !d.elementId || !window.CSS) return;
      document.querySelectorAll('#dmn-editor [data-row-id="' + CSS.escape(d.elementId) + '"]').forEach(function (cell) {
        cell.classList.add('dmn-diagnostic-error');
        marked.push(cell);
      });
    });
  }

  function renderDiagnostics(diagnostics) {
    list.textContent = '';
    if (!diagnostics.length) {
      list.appendChild(element('li', Texte('KeineBefunde')));
    }
    diagnostics.forEach(function (d) {
      var text = Texte(d.severity === 'error' ? 'Fehler' : d.severity === 'warning' ? 'Warnung' : 'Hinweis') + ': ' + d.message;
      if (d.elementId) text += d.label ? Texte('BefundElementMitName', d.label, d.elementId) : Texte('BefundElement', d.elementId);
      if (d.line) text += Texte('BefundZeile', german.format(d.line));
      list.appendChild(element('li', text, 'diagnostic-' + d.severity));
    });
    markRules(diagnostics);
  }

  if (!window.AutomationDmnEditor) {
    [checkButton, publishButton, downloadButton, document.getElementById('testrun-button')].forEach(function (b) { b.disabled = true; });
    fail(Texte('EntscheidungseditorNichtGeladen'));
    return;
  }

  window.AutomationDmnEditor.create(document.getElementById('dmn-editor'), data.xml).then(function (editor) {
    window.dmnEditor = editor;

    function viewLabel(view) {
      var name = (view.element && (view.element.name || view.element.id)) || '';
      if (view.type === 'drd') return Texte('AnsichtDrd');
      if (view.type === 'decisionTable') return Texte('AnsichtTabelle', name);
      if (view.type === 'literalExpression') return Texte('AnsichtAusdruck', name);
      return Texte('AnsichtWissensmodell', name);
    }

    function renderViews() {
      var state = editor.views();
      viewsList.textContent = '';
      state.views.forEach(function (view) {
        var item = element('li');
        var button = element('button', viewLabel(view), 'secondary');
        button.type = 'button';
        button.setAttribute('aria-current', String(view === state.active));
        button.addEventListener('click', function () { editor.open(view); });
        item.appendChild(button);
        viewsList.appendChild(item);
      });
    }

    // The test-run form: one field per input of the chosen decision, by its label and FEEL type.
    function inputsOf(decisionId) {
      var all = editor.decisions();
      var chosen = all.filter(function (d) { return d.id === decisionId; })[0];
      // A decision that is no table (literal expression) reads the diagram's input data; a table, its own columns.
      var inputs = chosen && chosen.inputs.length ? chosen.inputs : editor.inputData();
      var seen = {};
      return inputs.filter(function (i) { if (seen[i.expression]) return false; seen[i.expression] = true; return true; });
    }

    function renderDecisions() {
      var previous = decisionSelect.value;
      decisionSelect.textContent = '';
      editor.decisions().forEach(function (d) {
        var option = element('option', d.name + ' (' + d.id + ')');
        option.value = d.id;
        decisionSelect.appendChild(option);
      });
      if (previous) decisionSelect.value = previous;
      if (!decisionSelect.value && decisionSelect.options.length) decisionSelect.selectedIndex = 0;
      renderFields();
    }

    function renderFields() {
      fields.textContent = '';
      inputsOf(decisionSelect.value).forEach(function (input, index) {
        var wrapper = element('p', null, 'field');
        var id = 'testrun-input-' + index;
        var label = element('label', input.label + ' (' + input.typeName + ')');
        label.htmlFor = id;
        wrapper.appendChild(label);
        var control;
        if (input.typeRef === 'boolean') {
          control = element('select');
          [['', Texte('Leer')], ['true', Texte('Ja')], ['false', Texte('Nein')]].forEach(function (o) {
            var option = element('option', o[1]);
            option.value = o[0];
            control.appendChild(option);
          });
        } else {
          control = element('input');
          control.type = input.typeRef === 'date' ? 'date' : 'text';
          if (/^(number|integer|long|double)$/.test(input.typeRef)) control.inputMode = 'decimal';
        }
        control.id = id;
        control.dataset.expression = input.expression;
        control.dataset.typeRef = input.typeRef;
        if (!input.settable) {
          control.disabled = true;
          wrapper.appendChild(control);
          wrapper.appendChild(element('small', Texte('EingabeAusdruck', input.expression)));
        } else {
          wrapper.appendChild(control);
        }
        fields.appendChild(wrapper);
      });
    }

    // German number input: "1.500,5" and "1500,5" are 1500.5; without a comma a dot is the decimal point.
    function parseNumber(text) {
      var t = text.replace(/\s/g, '');
      if (t.indexOf(',') >= 0) t = t.replace(/\./g, '').replace(',', '.');
      var n = Number(t);
      if (t === '' || isNaN(n)) throw new Error(Texte('KeineZahl', text));
      return n;
    }

    function variables() {
      var vars = {};
      fields.querySelectorAll('input, select').forEach(function (control) {
        if (control.disabled || control.value === '') return;
        var type = control.dataset.typeRef;
        var value;
        try {
          value = /^(number|integer|long|double)$/.test(type) ? parseNumber(control.value)
            : type === 'boolean' ? control.value === 'true' : control.value;
        } catch (e) {
          throw new Error(document.querySelector('label[for="' + control.id + '"]').textContent + ': ' + e.message);
        }
        // A path (antrag.einkommen) becomes nested objects.
        var path = control.dataset.expression.split('.');
        var target = vars;
        path.slice(0, -1).forEach(function (part) { target = target[part] = target[part] || {}; });
        target[path[path.length - 1]] = value;
      });
      return vars;
    }

    function renderRun(run) {
      result.textContent = '';
      result.appendChild(element('h3', Texte('ErgebnisWert', run.result)));
      run.decisions.forEach(function (d) {
        var section = element('section');
        section.appendChild(element('h4', d.decisionName + (d.hitPolicy ? ' (' + d.hitPolicy + ')' : '')));
        if (d.inputs.length) {
          var table = element('table', null, 'data');
          table.appendChild(element('caption', Texte('Eingaben')));
          var body = element('tbody');
          d.inputs.forEach(function (i) {
            var row = element('tr');
            var head = element('th', i.label);
            head.scope = 'row';
            row.appendChild(head);
            row.appendChild(element('td', i.value));
            body.appendChild(row);
          });
          table.appendChild(body);
          section.appendChild(table);
        }
        section.appendChild(element('p', Texte('ZutreffendeRegeln')));
        if (!d.rules.length) section.appendChild(element('p', Texte('KeineRegel')));
        else {
          var rules = element('ul');
          d.rules.forEach(function (r) {
            var outputs = Object.keys(r.outputs).map(function (k) { return k + ' = ' + r.outputs[k]; }).join('; ');
            rules.appendChild(element('li', Texte('Regel', r.index) + (r.id ? ' (' + r.id + ')' : '') + (r.annotation ? ': ' + r.annotation : '') + ' → ' + outputs));
          });
          section.appendChild(rules);
        }
        section.appendChild(element('p', Texte('ErgebnisWert', d.value)));
        result.appendChild(section);
      });
      run.warnings.forEach(function (w) { result.appendChild(element('p', Texte('HinweisWert', w), 'diagnostic-warning')); });
    }

    renderViews();
    renderDecisions();
    editor.onViewsChanged(function () { renderViews(); renderDecisions(); });
    decisionSelect.addEventListener('change', renderFields);

    checkButton.addEventListener('click', function () {
      notice.hidden = true;
      editor.getXml()
        .then(function (xml) { return request('/api/decisions/check?fileName=' + encodeURIComponent(editor.fileName()), xml, 'application/xml'); })
        .then(function (answer) {
          if (answer.status !== 200) {
            renderDiagnostics(answer.body.diagnostics || []);
            return fail(Texte('PruefungFehlgeschlagen', problemText(answer)));
          }
          renderDiagnostics(answer.body.diagnostics);
          setStatus(Texte(answer.body.valid ? 'GeprueftKeineFehler' : 'GeprueftEntscheidungenFehler'));
        })
        .catch(function (error) { fail(error.message); });
    });

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      notice.hidden = true;
      var vars;
      try {
        vars = variables();
      } catch (e) {
        return fail(e.message);
      }
      editor.getXml()
        .then(function (xml) {
          return request('/api/decisions/test-run', JSON.stringify({ xml: xml, decisionId: decisionSelect.value || null, variables: vars }), 'application/json');
        })
        .then(function (answer) {
          if (answer.status === 200) return renderRun(answer.body);
          result.textContent = '';
          if (answer.body.diagnostics) renderDiagnostics(answer.body.diagnostics);
          var text = Texte('TestlaufNichtMoeglich', problemText(answer));
          result.appendChild(element('p', text, 'diagnostic-error'));
        })
        .catch(function (error) { fail(error.message); });
    });

    publishButton.addEventListener('click', function () {
      notice.hidden = true;
      var saved = editor.savedAt();
      editor.getXml()
        .then(function (xml) { return request('/api/definitions?publish=true&fileName=' + encodeURIComponent(editor.fileName()), xml, 'application/xml'); })
        .then(function (answer) {
          if (answer.status === 201) {
            saved();
            renderDiagnostics(answer.body.diagnostics || []);
            setStatus(Texte('Veroeffentlicht', answer.body.decisions.map(function (d) {
              return Texte('Version', d.key, german.format(d.version)) + (d.created ? '' : Texte('Unveraendert'));
            }).join(', ')));
          } else {
            if (answer.body.diagnostics) renderDiagnostics(answer.body.diagnostics);
            fail(Texte('NichtVeroeffentlicht', problemText(answer)));
          }
        })
        .catch(function (error) { fail(error.message); });
    });

    downloadButton.addEventListener('click', function () {
      editor.getXml().then(function (xml) {
        var link = document.createElement('a');
        link.href = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
        link.download = editor.fileName();
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      });
    });

    window.addEventListener('beforeunload', function (event) {
      if (editor.isDirty()) {
        event.preventDefault();
        event.returnValue = '';
      }
    });
    document.documentElement.dataset.dmnEditorReady = 'true';
  }).catch(function (error) {
    fail(Texte('EntscheidungNichtGeladen', error && error.message ? error.message : String(error)));
  });
})();
