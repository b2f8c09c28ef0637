/* "Leave this site quickly": replace this page in the history, so the back button
   does not bring someone who looks over the shoulder straight back here. Without
   JavaScript the button is a plain link to the same neutral site. */
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-quick-exit]");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
  event.preventDefault();
  window.location.replace(link.href);
});
