(function () {
  var data = JSON.parse(document.getElementById('lecture-data').textContent);
  function addTrack(video, kind, cues, showing) {
    var track = video.addTextTrack(kind, kind === 'chapters' ? 'Chapters' : 'English', 'en');
    cues.forEach(function (c) { track.addCue(new VTTCue(c[0], c[1], c[2])); });
    track.mode = showing ? 'showing' : 'hidden';
    return track;
  }
  function useInline(video, captions, chapters) {
    // Tracks from files fail on file:// pages; the inline cues work everywhere.
    for (var i = 0; i < video.textTracks.length; i++) { video.textTracks[i].mode = 'disabled'; }
    var els = video.querySelectorAll('track');
    for (var j = 0; j < els.length; j++) { els[j].remove(); }
    addTrack(video, 'captions', captions, true);
    if (chapters) { addTrack(video, 'chapters', chapters, false); }
  }
  var lecture = document.getElementById('lecture');
  useInline(lecture, data.captions, data.chapters);
  data.clips.forEach(function (clip, i) {
    var v = document.getElementById('clip-' + i);
    if (v) { useInline(v, clip.captions, null); }
  });
  var buttons = document.querySelectorAll('.chapters button');
  for (var k = 0; k < buttons.length; k++) {
    buttons[k].addEventListener('click', function (event) {
      lecture.currentTime = parseFloat(event.currentTarget.getAttribute('data-start'));
      lecture.play().catch(function () {});
    });
  }
})();
