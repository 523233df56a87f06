// Tell require.js where anywidget's AMD module lives, next to this file (no CDN).
(function () {
  var base = document.currentScript.src.replace(/widgets-config\.js.*$/, "");
  require.config({ paths: { anywidget: base + "anywidget/index" } });
})();
