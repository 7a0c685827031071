window.cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile + ':' + e.lineNumber, target: e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 160) : String(e.target) });
});
