(function () {
  // SCORM 1.2: report to the LMS when the page runs inside one (the lecture-scorm12.zip package).
  // Without an LMS (opened from disk, a plain web server) no API is found and nothing happens.
  var STATUS = 'cmi.core.lesson_status';
  function apiIn(win) {
    // The RTE spec's FindAPI: this window, then up its parents, at most 7 levels.
    for (var tries = 0; win && tries <= 7; tries++) {
      try {
        if (win.API) { return win.API; }
        if (!win.parent || win.parent === win) { return null; }
        win = win.parent;
      } catch (e) {
        return null; // a frame of another origin: no LMS we may talk to
      }
    }
    return null;
  }
  function findAPI() {
    var api = apiIn(window);
    if (!api) {
      try { api = window.opener ? apiIn(window.opener) : null; } catch (e) { api = null; }
    }
    return api;
  }
  var api = findAPI();
  if (!api) { return; }
  function call(name) {
    try { return String(api[name].apply(api, Array.prototype.slice.call(arguments, 1))); } catch (e) { return ''; }
  }
  if (call('LMSInitialize', '') !== 'true') { return; }
  var began = Date.now();
  var finished = false;
  var status = call('LMSGetValue', STATUS);
  var done = status === 'completed' || status === 'passed';
  if (status === 'not attempted' || status === '') {
    call('LMSSetValue', STATUS, 'incomplete');
    call('LMSCommit', '');
  }
  function complete() {
    if (done || finished) { return; }
    done = true;
    call('LMSSetValue', STATUS, 'completed');
    call('LMSCommit', '');
  }
  function sessionTime() {
    var s = Math.floor((Date.now() - began) / 1000);
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return two(Math.min(Math.floor(s / 3600), 9999)) + ':' + two(Math.floor(s / 60) % 60) + ':' + two(s % 60);
  }
  function finish() {
    if (finished) { return; }
    finished = true;
    call('LMSSetValue', 'cmi.core.session_time', sessionTime());
    call('LMSFinish', '');
  }
  var video = document.getElementById('lecture');
  if (video) {
    video.addEventListener('ended', complete);
    video.addEventListener('timeupdate', function () {
      // Played (not sought while paused) to 95% of its length.
      if (!video.paused && isFinite(video.duration) && video.duration > 0 &&
          video.currentTime >= 0.95 * video.duration) { complete(); }
    });
  }
  window.addEventListener('pagehide', finish);
  window.addEventListener('beforeunload', finish);
})();
