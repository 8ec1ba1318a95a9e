// Submit a form when a <select data-autosubmit> changes (the language switch). Kept in a static
// file because the Content-Security-Policy allows no inline script or event handler.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});
