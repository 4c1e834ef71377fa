// The reviewer's workbench: the venue's pin that can be moved, a motivation template that fills the
// motivation, and keyboard shortcuts (j/k next/previous, p claim, l choose "label"). Everything also
// works without this script: the coordinates can be typed, a template chosen is used as the motivation.
(function () {
  'use strict';

  var map = document.getElementById('venue-map');
  if (map && window.L) {
    var position = [Number(map.dataset.lat), Number(map.dataset.lon)];
    var view = L.map(map, { attributionControl: !!map.dataset.tiles, maxZoom: 18 }).setView(position, 15);
    if (map.dataset.tiles) L.tileLayer(map.dataset.tiles, { attribution: map.dataset.attribution || '', maxZoom: 18 }).addTo(view);
    var pin = L.marker(position, { draggable: true, keyboard: false, title: map.dataset.pinTitle || '' }).addTo(view);
    var latitude = document.getElementById('latitude');
    var longitude = document.getElementById('longitude');
    pin.on('dragend', function () {
      var at = pin.getLatLng();
      latitude.value = at.lat.toFixed(6);
      longitude.value = at.lng.toFixed(6);
    });
    [latitude, longitude].forEach(function (input) {
      input.addEventListener('change', function () {
        var lat = Number(latitude.value.replace(',', '.')), lon = Number(longitude.value.replace(',', '.'));
        if (isFinite(lat) && isFinite(lon)) { pin.setLatLng([lat, lon]); view.panTo([lat, lon]); }
      });
    });
  }

  var template = document.getElementById('modele');
  var motivation = document.getElementById('motivation');
  if (template && motivation) {
    template.addEventListener('change', function () {
      var chosen = template.options[template.selectedIndex];
      if (chosen && chosen.dataset.text) motivation.value = chosen.dataset.text;
    });
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var go = function (id) { var link = document.getElementById(id); if (link) { event.preventDefault(); link.click(); } };
    switch (event.key) {
      case 'j': go('suivant'); break;
      case 'k': go('precedent'); break;
      case 'p': {
        var claim = document.querySelector('#prendre button');
        if (claim) { event.preventDefault(); claim.click(); }
        break;
      }
      case 'l': {
        var label = document.getElementById('decision-label');
        if (label) { event.preventDefault(); label.checked = true; document.getElementById('enregistrer').focus(); }
        break;
      }
    }
  });
})();
