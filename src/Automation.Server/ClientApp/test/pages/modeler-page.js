(async () => {
  const file = new URLSearchParams(location.search).get('file');
  const xml = file ? await (await fetch('/workflows/' + file)).text() : null;
  window.api = await window.AutomationModeler.create(document.getElementById('canvas'), document.getElementById('properties'), xml);
  window.ready = true;
})().catch(e => { window.loadError = String(e && e.stack || e); });
