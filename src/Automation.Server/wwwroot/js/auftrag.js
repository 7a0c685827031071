// Progress of a background job (e.g. a simulation): asks the server once a second and shows the share done; when the
// job has ended, the page is loaded again and shows the result. Without script the "Jetzt aktualisieren" link does it.
(function () {
  'use strict';
  var section = document.querySelector('[data-job-url]');
  if (!section) return;
  var url = section.getAttribute('data-job-url');
  var text = section.querySelector('[data-job-text]');
  var bar = section.querySelector('[data-job-bar]');
  var percent = new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 0 });

  function poll() {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (job) {
        if (job.status !== 'running') {
          window.location.reload();
          return;
        }
        var shown = percent.format(job.progress);
        bar.value = Math.round(job.progress * 100);
        bar.textContent = shown;
        // Screen readers hear the live region only when the text changes, so it changes only in steps of a tenth.
        var tenth = Math.floor(job.progress * 10);
        if (text.getAttribute('data-tenth') !== String(tenth)) {
          text.setAttribute('data-tenth', String(tenth));
          text.textContent = Texte('AuftragLaeuftSeit', section.getAttribute('data-job-started'), shown);
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        text.textContent = Texte('AuftragNichtAbrufbar');
      });
  }

  window.setTimeout(poll, 1000);
})();
