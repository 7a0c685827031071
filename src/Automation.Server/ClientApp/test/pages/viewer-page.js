window.showFile = async (file, opts) => {
  const xml = await (await fetch('/workflows/' + file)).text();
  const r = await window.AutomationViewer.show(document.getElementById('diagram'), xml, opts);
  return { marked: r.marked, warnings: r.warnings.length };
};
window.ready = true;
