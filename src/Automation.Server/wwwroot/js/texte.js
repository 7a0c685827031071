// The pages' scripts take their German texts from Texte.resx like the pages do: _SkriptTexte.cshtml renders the keys
// Skript_… as JSON, and Texte('Key', a, b) fills {0}, {1}. A key the set lacks shows as the key, never as an empty text
// (ScriptTextTests fails on it before anyone sees it).
window.Texte = (function () {
  'use strict';
  var node = document.getElementById('texte');
  var texts = node ? JSON.parse(node.textContent) : {};
  return function (key) {
    var values = Array.prototype.slice.call(arguments, 1);
    var text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    return text.replace(/\{(\d+)\}/g, function (hole, index) {
      return index < values.length ? String(values[index]) : hole;
    });
  };
})();
