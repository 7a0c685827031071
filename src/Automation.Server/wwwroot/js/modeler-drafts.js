// Modeler page, around the diagram: drafts of the signed-in user (saved on the server after a pause in editing and on
// "Entwurf speichern", deleted once published or discarded), the warning before leaving with unsaved changes, the
// download and the page title from the process name. Starts when modeler-page.js announces the modeler ('modeler-ready').
(function () {
  'use strict';
  // Pause after the last change before the draft is saved.
  var AUTOSAVE_MS = 2000;
  var data = JSON.parse(document.getElementById('modeler-data').textContent);
  var token = document.getElementById('antiforgery').value;
  var statusLine = document.getElementById('draft-status');
  var draftButton = document.getElementById('draft-button');
  var downloadButton = document.getElementById('download-button');
  var offer = document.getElementById('draft-offer');
  var heading = document.querySelector('h1');
  var titleSuffix = document.title.slice(document.title.lastIndexOf(' – '));
  var draftId = null;
  var modeler = null;
  var timer = null;
  var queue = Promise.resolve();

  draftButton.disabled = true;
  downloadButton.disabled = true;
  setDraft(data.draftId || null);

  /** The draft being edited; modeler-page.js sends it along when publishing, so the server deletes it then. */
  function setDraft(id) {
    draftId = id;
    if (id) statusLine.dataset.draftId = String(id);
    else delete statusLine.dataset.draftId;
  }

  function status(text, isError) {
    statusLine.textContent = text;
    statusLine.className = isError ? 'notice error' : 'muted';
  }

  function request(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/xml', 'Accept': 'application/json', 'RequestVerificationToken': token },
      body: body
    });
  }

  function failure(response) {
    return response.json()
      .then(function (problem) { return problem.detail || problem.title || ('HTTP ' + response.status); },
        function () { return 'HTTP ' + response.status; })
      .then(function (text) { throw new Error(text); });
  }

  function send(xml) {
    var url = draftId ? '/api/drafts/' + draftId
      : '/api/drafts' + (data.processId ? '?processId=' + encodeURIComponent(data.processId) : '');
    return request(draftId ? 'PUT' : 'POST', url, xml).then(function (response) {
      // Discarded meanwhile (e.g. on the list of drafts): keep the work as a new draft.
      if (response.status === 404 && draftId) {
        setDraft(null);
        return send(xml);
      }
      return response.ok ? response.json() : failure(response);
    });
  }

  /** Saves the diagram as the draft; one save at a time, in order. */
  function saveDraft(always) {
    clearTimeout(timer);
    timer = null;
    queue = queue.then(function () {
      if (!always && !modeler.isDirty()) return;
      var saved = modeler.savedAt();
      return modeler.getXml()
        .then(send)
        .then(function (draft) {
          setDraft(draft.id);
          saved();
          status(Texte('EntwurfGespeichert', draft.savedAtText));
        })
        .catch(function (error) {
          // fetch rejects with a TypeError (browser text, English) when the server cannot be reached.
          var reason = error instanceof TypeError ? Texte('ServerNichtErreichbar') : error.message;
          status(Texte('EntwurfNichtGespeichert', reason), true);
        });
    });
    return queue;
  }

  function showTitle() {
    var name = modeler.processName();
    heading.textContent = Texte('ModelerTitel', name || Texte('NeuerProzess'));
    document.title = heading.textContent + titleSuffix;
  }

  function download() {
    modeler.getXml().then(function (xml) {
      var link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([ xml ], { type: 'application/xml' }));
      link.download = modeler.fileName();
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    });
  }

  if (offer) {
    document.getElementById('draft-discard').addEventListener('click', function (event) {
      var id = event.currentTarget.getAttribute('data-draft-id');
      request('DELETE', '/api/drafts/' + encodeURIComponent(id)).then(function (response) {
        if (!response.ok && response.status !== 404) return failure(response);
        offer.remove();
        status(Texte('EntwurfVerworfen'));
      }).catch(function (error) { status(Texte('EntwurfNichtVerworfen', error.message), true); });
    });
  }

  window.addEventListener('beforeunload', function (event) {
    if (modeler && modeler.isDirty()) {
      event.preventDefault();
      event.returnValue = '';
    }
  });

  document.addEventListener('modeler-ready', function (event) {
    modeler = event.detail;
    draftButton.disabled = false;
    downloadButton.disabled = false;
    draftButton.addEventListener('click', function () { saveDraft(true); });
    downloadButton.addEventListener('click', download);
    showTitle();
    modeler.onChange(function () {
      showTitle();
      clearTimeout(timer);
      timer = setTimeout(function () { saveDraft(false); }, AUTOSAVE_MS);
    });
  });

  // Publishing names the draft (modeler-page.js reads data-draft-id) and the server deletes it with the publication.
  document.addEventListener('modeler-published', function () {
    clearTimeout(timer);
    timer = null;
    if (!draftId) return;
    setDraft(null);
    status(Texte('VeroeffentlichtEntwurfGeloescht'));
  });
})();
