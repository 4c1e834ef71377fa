// The small map of an event page: its position, nothing else to load.
(function () {
  'use strict';
  var element = document.getElementById('event-map');
  if (!element || !window.L) return;
  var position = [Number(element.dataset.lat), Number(element.dataset.lon)];
  var map = L.map(element, { zoomControl: true, attributionControl: !!element.dataset.tiles, maxZoom: 18 }).setView(position, 13);
  if (element.dataset.tiles) L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution || '', maxZoom: 18 }).addTo(map);
  L.marker(position, { keyboard: false }).addTo(map);
})();
