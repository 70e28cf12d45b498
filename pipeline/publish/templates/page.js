(function () {
  var data = JSON.parse(document.getElementById('lecture-data').textContent);
  var lecture = document.getElementById('lecture');

  // The page's <track> elements carry no `default`, so that the browser loads none of them by
  // itself: on a file:// page it could not, and would say so in the console. Served, each track
  // loads from its file (captions showing); on file://, or when a file cannot load, the track is
  // disabled and the same cues are added inline. The <track> element stays, so checkers find it.
  function inlineTrack(video, element, cues, show) {
    if (!cues || element.inlined) { return; }
    element.inlined = true;
    element.track.mode = 'disabled';
    var track = video.addTextTrack(element.kind, element.label, element.srclang);
    cues.forEach(function (c) { track.addCue(new VTTCue(c[0], c[1], c[2])); });
    track.mode = show ? 'showing' : 'hidden';
  }
  function useTracks(video, cuesByKind) {
    var elements = video.querySelectorAll('track');
    Array.prototype.forEach.call(elements, function (element) {
      var cues = cuesByKind[element.kind];
      var show = element.hasAttribute('data-showing');
      if (location.protocol === 'file:') {
        inlineTrack(video, element, cues, show);
        return;
      }
      element.addEventListener('error', function () { inlineTrack(video, element, cues, show); });
      element.track.mode = show ? 'showing' : 'hidden';
    });
  }
  useTracks(lecture, { captions: data.captions, chapters: data.chapters, descriptions: data.descriptions });
  data.clips.forEach(function (clip, i) {
    var video = document.getElementById('clip-' + i);
    if (video) { useTracks(video, { captions: clip.captions }); }
  });

  // Chapter and transcript buttons seek the lecture; the one being played is marked, without
  // moving focus or scrolling.
  var seekers = document.querySelectorAll('.chapters button, .cues button');
  Array.prototype.forEach.call(seekers, function (button) {
    button.addEventListener('click', function () {
      lecture.currentTime = parseFloat(button.getAttribute('data-start'));
      lecture.play().catch(function () {});
    });
  });
  function markCurrent(buttons) {
    var t = lecture.currentTime;
    Array.prototype.forEach.call(buttons, function (button) {
      var on = parseFloat(button.getAttribute('data-start')) <= t && t < parseFloat(button.getAttribute('data-end'));
      if (on && button.getAttribute('aria-current') !== 'true') {
        button.setAttribute('aria-current', 'true');
      } else if (!on && button.hasAttribute('aria-current')) {
        button.removeAttribute('aria-current');
      }
    });
  }
  var chapters = document.querySelectorAll('.chapters button');
  var cues = document.querySelectorAll('.cues button');
  function update() { markCurrent(chapters); markCurrent(cues); }
  lecture.addEventListener('timeupdate', update);
  lecture.addEventListener('seeked', update);
})();
