// A page whose person is signing out takes no more answers: a queue's live request still on its way when the
// session ended would otherwise be answered "sign in" (401, HX-Redirect) and send the window to the bare sign-in
// page instead of the one saying they signed out. Nothing else is held back: a download leaves the page as it was.
(function () {
  let leaving = false;
  document.addEventListener('submit', function (e) {
    if (e.target.matches('form[data-ends-session]')) {
      leaving = true;
    }
  });
  function holdWhileLeaving(e) {
    if (leaving) {
      e.preventDefault();
    }
  }
  document.addEventListener('htmx:beforeRequest', holdWhileLeaving);
  document.addEventListener('htmx:beforeOnLoad', holdWhileLeaving);
})();
